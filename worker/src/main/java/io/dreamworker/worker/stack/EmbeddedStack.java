package io.dreamworker.worker.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The demo's and the integration tests' infrastructure on one machine: a real Kafka broker and a
 * real S3-compatible server, started together (each takes seconds, so concurrently) under one root
 * folder, and closed together.
 *
 * <p>The root holds {@value #KAFKA_DIR}/ (the broker's configuration, data and log), {@value
 * #S3_DIR}/ (the S3 server's, with the objects under {@code blobs/<bucket>/<key>}) and {@value
 * #ENV_FILE}: the addresses as the worker's environment overrides, so that a shell can {@code
 * source} it and run the worker against this stack. Closing stops both servers and keeps the
 * folder, so that the demo's outputs stay readable.
 */
public final class EmbeddedStack implements AutoCloseable {
  static final String KAFKA_DIR = "kafka";
  static final String S3_DIR = "s3";
  static final String ENV_FILE = "stack.env";

  private final Path root;
  private final KafkaBroker kafka;
  private final S3Server s3;
  private final Addresses addresses;

  /**
   * How to reach the stack.
   *
   * @param kafkaBootstrapServers the broker, {@code 127.0.0.1:PORT}
   * @param s3Endpoint the S3 server, {@code http://127.0.0.1:PORT} (path-style requests)
   * @param s3Region the region to sign for
   * @param s3AccessKeyId the S3 server's access key id
   * @param s3SecretAccessKey the S3 server's secret access key
   */
  public record Addresses(String kafkaBootstrapServers, URI s3Endpoint, String s3Region,
      String s3AccessKeyId, String s3SecretAccessKey) {

    /**
     * As environment variables: the worker's configuration overrides and the AWS SDK's credential
     * variables, one {@code NAME=value} line each.
     */
    public String asEnvironment() {
      return String.join("\n",
          "DREAMWORKER_KAFKA_BOOTSTRAP_SERVERS=" + kafkaBootstrapServers,
          "DREAMWORKER_S3_ENDPOINT=" + s3Endpoint,
          "DREAMWORKER_S3_REGION=" + s3Region,
          "DREAMWORKER_S3_PATH_STYLE=true",
          "AWS_ACCESS_KEY_ID=" + s3AccessKeyId,
          "AWS_SECRET_ACCESS_KEY=" + s3SecretAccessKey) + "\n";
    }
  }

  private EmbeddedStack(Path root, KafkaBroker kafka, S3Server s3) {
    this.root = root;
    this.kafka = kafka;
    this.s3 = s3;
    this.addresses = new Addresses(kafka.bootstrapServers(), s3.endpoint(), s3.region(),
        s3.accessKeyId(), s3.secretAccessKey());
  }

  /**
   * Starts both servers with the jars named by the system property {@value StackLib#PROPERTY}.
   *
   * @see #start(StackLib, Path)
   */
  public static EmbeddedStack start(Path root) {
    return start(StackLib.fromSystemProperty(), root);
  }

  /**
   * Starts both servers under {@code root} (created when missing; it must not hold a broker's data
   * yet) and returns once both answer. When one fails, the other is stopped before the failure is
   * thrown.
   *
   * @throws StackException when a server does not start (the message quotes its log)
   */
  public static EmbeddedStack start(StackLib lib, Path root) {
    Path dir = root.toAbsolutePath().normalize();
    KafkaBroker kafka;
    S3Server s3;
    try (ExecutorService starter = Executors.newSingleThreadExecutor(r -> new Thread(r, "s3-server-start"))) {
      CompletableFuture<S3Server> s3Start =
          CompletableFuture.supplyAsync(() -> S3Server.start(lib, dir.resolve(S3_DIR)), starter);
      try {
        kafka = KafkaBroker.start(lib, dir.resolve(KAFKA_DIR));
      } catch (RuntimeException e) {
        s3Start.thenAccept(S3Server::close);
        throw e;
      }
      try {
        s3 = s3Start.join();
      } catch (CompletionException e) {
        kafka.close();
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
    }
    EmbeddedStack stack = new EmbeddedStack(dir, kafka, s3);
    try {
      Files.writeString(stack.addressesFile(), stack.addresses.asEnvironment());
    } catch (IOException e) {
      stack.close();
      throw new UncheckedIOException("cannot write " + stack.addressesFile(), e);
    }
    return stack;
  }

  public KafkaBroker kafka() {
    return kafka;
  }

  public S3Server s3() {
    return s3;
  }

  public Addresses addresses() {
    return addresses;
  }

  /** The stack's folder. */
  public Path root() {
    return root;
  }

  /** The file with {@link Addresses#asEnvironment()}, for {@code source} in a shell. */
  public Path addressesFile() {
    return root.resolve(ENV_FILE);
  }

  /** Stops both servers (concurrently, as they started); the folder stays. Closing twice is harmless. */
  @Override
  public void close() {
    CompletableFuture<Void> s3Stop = CompletableFuture.runAsync(s3::close, Thread::startVirtualThread);
    try {
      kafka.close();
    } finally {
      s3Stop.join();
    }
  }

  @Override
  public String toString() {
    return "embedded stack in " + root + ": " + kafka + ", " + s3;
  }
}
