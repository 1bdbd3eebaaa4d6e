package io.dreamworker.worker.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * A real S3-compatible server: s3proxy with its filesystem backend, run as a child JVM on
 * 127.0.0.1 with the same JDK as this process. Requests must be signed (AWS signature V2 or V4)
 * with the fixed credentials {@link #accessKeyId()} / {@link #secretAccessKey()}; region {@value
 * #REGION}; path-style addressing only.
 *
 * <p>The folder given to {@link #start(StackLib, Path)} holds the objects under {@value
 * #BLOBS_DIR} (one directory per bucket, one file per object), {@value #PROPERTIES_FILE}, and the
 * server's output in {@value #LOG_FILE}.
 *
 * <p>{@link #stop()} and {@link #start()} kill and restart the server on the same port with the
 * same objects: tests simulate S3 being briefly unavailable that way, and down for good with
 * {@link #stop()} alone.
 *
 * <p>s3proxy 4.1 with this backend serves what the worker uses: PUT and GET (ranged GETs too),
 * HEAD, listing, and the checksums that the current SDK sends by default.
 */
public final class S3Server implements AutoCloseable {
  /** The region clients sign for. */
  public static final String REGION = "us-east-1";
  /** How long a start may take: about 1 s here, but 2 shared cores under a parallel build are slower. */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  /**
   * How long {@link #close()}'s clean shutdown may take before the server is killed: Jetty waits
   * up to about 2 s for idle keep-alive connections, and on a first run the JVM then writes its
   * class-data-sharing archive, which a kill would prevent.
   */
  static final Duration CLOSE_GRACE = Duration.ofSeconds(10);
  /** How long a readiness probe waits for an HTTP answer. */
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
  /** The server's heap: objects stream to and from files, so little is needed. */
  static final String MAX_HEAP = "256m";

  /** The fixed access key id: the server is on loopback and holds test data only. */
  private static final String ACCESS_KEY_ID = "dreamworker";
  /** The fixed secret access key. */
  private static final String SECRET_ACCESS_KEY = "dreamworker-local-secret";

  static final String BLOBS_DIR = "blobs";
  static final String PROPERTIES_FILE = "s3proxy.properties";
  static final String LOG_FILE = "s3proxy.log";

  private final ChildJvm jvm;
  private final URI endpoint;
  private final int port;
  private final Path dataDir;
  private final HttpClient probeClient;

  // Guarded by this.
  private Duration startupTime;
  private boolean closed;

  private S3Server(ChildJvm jvm, URI endpoint, int port, Path dataDir) {
    this.jvm = jvm;
    this.endpoint = endpoint;
    this.port = port;
    this.dataDir = dataDir;
    this.probeClient = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
  }

  /**
   * Starts a server keeping its objects in {@code dataDir} (created when missing; objects already
   * there are served) and waits until it answers.
   *
   * @throws StackException when the server does not answer within {@link #START_TIMEOUT} (the
   *     message quotes its log)
   */
  public static S3Server start(StackLib lib, Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    int port = LoopbackPorts.free(1)[0];
    URI endpoint = URI.create("http://" + LoopbackPorts.HOST + ":" + port);
    Path properties = dir.resolve(PROPERTIES_FILE);
    try {
      Files.createDirectories(dir.resolve(BLOBS_DIR));
      PropertiesFile.write(properties, serverProperties(endpoint, dir.resolve(BLOBS_DIR)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write s3proxy's configuration in " + dir, e);
    }
    ChildJvm jvm = new ChildJvm("S3 server (s3proxy)",
        ChildJvm.serverOptions(MAX_HEAP, lib.classDataArchive("s3proxy")),
        lib.s3proxyClasspath(), "org.gaul.s3proxy.Main",
        List.of("--properties", properties.toString()), dir, dir.resolve(LOG_FILE));
    S3Server server = new S3Server(jvm, endpoint, port, dir);
    try {
      server.start();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /**
   * Starts the server again after {@link #stop()}, on the same port and with the same objects, and
   * waits until it answers.
   *
   * @throws IllegalStateException when it is running or closed
   * @throws StackException when it does not answer within {@link #START_TIMEOUT}, for instance
   *     because another process took its port meanwhile (the message quotes its log)
   */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException(this + " is closed: start a new one");
    }
    long started = System.nanoTime();
    jvm.start();
    try {
      jvm.awaitReady(START_TIMEOUT, this::answers);
    } catch (RuntimeException e) {
      jvm.stop(Duration.ZERO);
      throw e;
    }
    startupTime = Duration.ofNanos(System.nanoTime() - started);
  }

  /**
   * Takes the server down at once, as a crash would (SIGKILL): requests then fail to connect, and
   * {@link #start()} brings it back. Objects whose PUT returned are on disk and stay.
   */
  public synchronized void stop() {
    jvm.stop(Duration.ZERO);
  }

  /** Whether the server process is running. */
  public boolean isRunning() {
    return jvm.isAlive();
  }

  /** The endpoint for clients' endpoint override: {@code http://127.0.0.1:PORT}. */
  public URI endpoint() {
    return endpoint;
  }

  public String region() {
    return REGION;
  }

  public String accessKeyId() {
    return ACCESS_KEY_ID;
  }

  public String secretAccessKey() {
    return SECRET_ACCESS_KEY;
  }

  /**
   * Where the filesystem backend keeps an object: one directory per bucket, one file per object,
   * so that the demo can show its outputs as local files.
   */
  public Path objectFile(String bucket, String key) {
    return dataDir.resolve(BLOBS_DIR).resolve(bucket).resolve(key);
  }

  /** The folder with the server's configuration, objects and log. */
  public Path dataDir() {
    return dataDir;
  }

  public Path logFile() {
    return jvm.logFile();
  }

  /** How long the last start took. */
  public synchronized Duration startupTime() {
    return startupTime;
  }

  /**
   * A new client for this server; the caller closes it.
   *
   * @see #clientBuilder()
   */
  public S3Client newClient() {
    return clientBuilder().build();
  }

  /**
   * A client builder set up for this server: endpoint override, path-style, region {@value
   * #REGION}, the server's credentials and the Apache 5 HTTP client (the worker's). Callers may
   * change more (retries, timeouts) before building.
   */
  public S3ClientBuilder clientBuilder() {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
        .httpClientBuilder(Apache5HttpClient.builder());
  }

  /**
   * Creates a bucket.
   *
   * @throws StackException when the server refuses (an invalid name, a bucket that exists) or is
   *     not running
   */
  public void createBucket(String bucket) {
    try (S3Client client = newClient()) {
      client.createBucket(b -> b.bucket(bucket));
    } catch (SdkException | IllegalArgumentException e) {
      // IllegalArgumentException: the SDK checks a bucket name's syntax before sending it.
      throw new StackException("cannot create the bucket '" + bucket + "' on the S3 server at "
          + endpoint + ": " + e.getMessage(), e);
    }
  }

  /** Stops the server for good, cleanly (see {@link #CLOSE_GRACE}). Closing twice is harmless. */
  @Override
  public synchronized void close() {
    closed = true;
    jvm.stop(CLOSE_GRACE);
    probeClient.close();
  }

  @Override
  public String toString() {
    return "S3 server at " + endpoint + " (data: " + dataDir + ")";
  }

  /** Any HTTP answer means s3proxy serves: an unsigned request is refused with 403. */
  private boolean answers() {
    if (!LoopbackPorts.accepts(port)) {
      return false;
    }
    try {
      HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(PROBE_TIMEOUT).GET().build();
      probeClient.send(request, HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** s3proxy's configuration: signed requests, the filesystem backend, loopback only. */
  static Properties serverProperties(URI endpoint, Path blobs) {
    Properties p = new Properties();
    p.setProperty("s3proxy.endpoint", endpoint.toString());
    p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
    p.setProperty("s3proxy.identity", ACCESS_KEY_ID);
    p.setProperty("s3proxy.credential", SECRET_ACCESS_KEY);
    // Newer SDKs send headers s3proxy does not know (checksum algorithms, SDK metadata); without
    // this it refuses such requests with NotImplemented.
    p.setProperty("s3proxy.ignore-unknown-headers", "true");
    p.setProperty("jclouds.provider", "filesystem");
    p.setProperty("jclouds.filesystem.basedir", blobs.toString());
    return p;
  }
}
