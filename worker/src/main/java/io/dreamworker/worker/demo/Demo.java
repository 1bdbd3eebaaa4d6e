package io.dreamworker.worker.demo;

import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.model.bundle.RandomBundles;
import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.EventCodec;
import io.dreamworker.worker.config.WorkerConfig;
import io.dreamworker.worker.config.WorkerConfigLoader;
import io.dreamworker.worker.demo.DemoJobs.DemoJob;
import io.dreamworker.worker.demo.DemoSummary.JobSummary;
import io.dreamworker.worker.events.EventWatcher;
import io.dreamworker.worker.service.KafkaClients;
import io.dreamworker.worker.service.Worker;
import io.dreamworker.worker.service.WorkerEnvironment;
import io.dreamworker.worker.service.WorkerHooks;
import io.dreamworker.worker.stack.EmbeddedStack;
import io.dreamworker.worker.storage.S3Location;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole system on one machine: a real Kafka broker and S3 server on 127.0.0.1 (child
 * processes), the worker in this process, and the sample jobs of {@link DemoJobs}. Used by the
 * {@code demo} command and by the end-to-end tests, so that what the README shows is what is tested.
 */
public final class Demo implements AutoCloseable {
  public static final String JOBS_TOPIC = "dreamworker.jobs";
  public static final String EVENTS_TOPIC = "dreamworker.events";
  public static final String DEAD_LETTER_TOPIC = "dreamworker.dlq";
  public static final String OUTPUT_BUCKET = "dreamworker-demo";
  public static final String INPUT_BUCKET = "dreamworker-inputs";
  public static final String OUTPUT_PREFIX = "outputs";
  /** Partitions of the jobs and events topics: several, so jobs run and complete out of order. */
  public static final int PARTITIONS = 4;
  /** The seed of the random bundle and of the sample jobs. */
  public static final long SEED = 7;
  /** What marks a folder as the demo's, so that a new run may clear it. */
  private static final String MARKER = ".dreamworker-demo";

  private final EmbeddedStack stack;
  private final WorkerConfig config;
  private final Path bundleDir;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Worker worker;

  private Demo(EmbeddedStack stack, WorkerConfig config, Path bundleDir) {
    this.stack = stack;
    this.config = config;
    this.bundleDir = bundleDir;
  }

  /**
   * Starts the stack, creates the topics and buckets, and prepares the bundle: {@code bundle} if
   * given, else a random tiny one generated in {@code dir/bundle}. The worker is not started yet.
   *
   * @param dir the demo's folder; a previous demo's data in it is removed first
   * @param overrides extra worker configuration, as environment overrides (tests shorten retries)
   */
  public static Demo prepare(Path dir, Optional<Path> bundle, Map<String, String> overrides, PrintWriter log)
      throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    clearPreviousRun(root);
    Files.createDirectories(root);
    Files.writeString(root.resolve(MARKER), "made by dreamworker demo; removed by the next run\n");

    log.printf("starting Kafka (KRaft) and an S3 server (s3proxy) on 127.0.0.1, data in %s%n", root);
    CompletableFuture<Path> bundleReady = CompletableFuture.supplyAsync(() -> bundle.orElseGet(() -> {
      Path generated = root.resolve("bundle");
      try {
        RandomBundles.write(generated, BundlePreset.TINY, SEED);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return generated;
    }));
    EmbeddedStack stack = EmbeddedStack.start(root.resolve("stack"));
    try {
      stack.kafka().createTopics(Map.of(JOBS_TOPIC, PARTITIONS, EVENTS_TOPIC, PARTITIONS, DEAD_LETTER_TOPIC, 1));
      stack.s3().createBucket(OUTPUT_BUCKET);
      stack.s3().createBucket(INPUT_BUCKET);
      Path bundleDir = bundleReady.join();
      EmbeddedStack.Addresses a = stack.addresses();
      Map<String, String> env = new HashMap<>();
      env.put("DREAMWORKER_BUNDLE_PATH", bundleDir.toString());
      env.put("DREAMWORKER_KAFKA_BOOTSTRAP_SERVERS", a.kafkaBootstrapServers());
      env.put("DREAMWORKER_KAFKA_GROUP_ID", "dreamworker-demo");
      env.put("DREAMWORKER_KAFKA_JOBS_TOPICS", JOBS_TOPIC);
      env.put("DREAMWORKER_KAFKA_EVENTS_TOPIC", EVENTS_TOPIC);
      env.put("DREAMWORKER_KAFKA_DEAD_LETTER_TOPIC", DEAD_LETTER_TOPIC);
      env.put("DREAMWORKER_S3_ENDPOINT", a.s3Endpoint().toString());
      env.put("DREAMWORKER_S3_REGION", a.s3Region());
      env.put("DREAMWORKER_S3_PATH_STYLE", "true");
      env.put("DREAMWORKER_S3_OUTPUT_BUCKET", OUTPUT_BUCKET);
      env.put("DREAMWORKER_S3_OUTPUT_PREFIX", OUTPUT_PREFIX);
      env.put("DREAMWORKER_S3_ALLOWED_INPUT_BUCKETS", INPUT_BUCKET);
      env.put("DREAMWORKER_HTTP_HOST", "127.0.0.1");
      env.put("DREAMWORKER_HTTP_PORT", "0");
      env.put("DREAMWORKER_SHUTDOWN_DRAIN_TIMEOUT", "30s");
      env.putAll(overrides);
      return new Demo(stack, WorkerConfigLoader.fromEnvironment(env), bundleDir);
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /** Starts the worker (loads the bundle and joins the group). */
  public Worker startWorker(WorkerHooks hooks) {
    EmbeddedStack.Addresses a = stack.addresses();
    worker = Worker.start(config, hooks, new WorkerEnvironment("demo-worker",
        Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create(a.s3AccessKeyId(),
            a.s3SecretAccessKey()))), Clock.systemUTC()));
    return worker;
  }

  /**
   * Uploads the sample inputs, sends the sample jobs, and waits for their events, printing each as
   * it arrives.
   *
   * @throws TimeoutException naming the jobs without an event
   */
  public DemoSummary runSampleJobs(Duration timeout, PrintWriter out) throws TimeoutException {
    DemoJobs samples = DemoJobs.create(SEED, INPUT_BUCKET);
    try (S3Client s3 = stack.s3().newClient()) {
      samples.inputs().forEach(input -> s3.putObject(b -> b.bucket(INPUT_BUCKET).key(input.key())
          .contentType("image/png"), RequestBody.fromBytes(input.png())));
    }
    KafkaClients clients = clients();
    Map<String, DemoJob> byId = new LinkedHashMap<>();
    samples.jobs().forEach(job -> byId.put(job.id(), job));
    Map<String, Long> sentAt = new HashMap<>();
    Map<String, CompletionEvent> events;
    try (EventWatcher watcher = EventWatcher.fromEnd(clients.reader(), new EventCodec(), EVENTS_TOPIC);
         KafkaProducer<byte[], byte[]> producer = clients.producer()) {
      out.printf("sending %d jobs to %s: %s%n", byId.size(), JOBS_TOPIC, String.join(", ", byId.keySet()));
      for (DemoJob job : byId.values()) {
        sentAt.put(job.id(), System.nanoTime());
        producer.send(new ProducerRecord<>(JOBS_TOPIC, job.id().getBytes(StandardCharsets.UTF_8), job.value()));
      }
      producer.flush();
      events = watcher.await(byId.keySet(), timeout, event -> {
        String id = event.data().jobId();
        out.printf("  %-20s %-10s after %5.1f s%s%n", id, event.data().status().wireName(),
            (System.nanoTime() - sentAt.get(id)) / 1e9,
            event.data().error().map(e -> "  " + e.code()).orElse(""));
        out.flush();
      }, () -> worker.failure().map(f -> "the worker stopped: " + f));
    }
    List<JobSummary> jobs = new ArrayList<>();
    for (DemoJob job : byId.values()) {
      CompletionEvent.Result result = events.get(job.id()).data();
      List<String> uris = new ArrayList<>();
      result.outputs().document().ifPresent(uris::add);
      result.outputs().markdown().ifPresent(uris::add);
      uris.addAll(result.outputs().images());
      jobs.add(new JobSummary(job.id(), job.kind(), job.description(), result.status().wireName(), result.caption(),
          uris, uris.stream().map(this::localFile).toList(),
          result.error().map(e -> e.code() + ": " + e.message()), result.timings().totalMs()));
    }
    return new DemoSummary(jobs, deadLetterCount(clients), localFile("s3://" + OUTPUT_BUCKET + "/x").getParent(),
        config.bundle().path().getFileName() + " (" + worker.bundle().name() + " " + worker.bundle().version() + ")");
  }

  /** Where the S3 server keeps an object on disk. */
  public Path localFile(String uri) {
    S3Location location = S3Location.parse(uri);
    return stack.s3().objectFile(location.bucket(), location.key());
  }

  public EmbeddedStack stack() {
    return stack;
  }

  public WorkerConfig config() {
    return config;
  }

  public Path bundleDir() {
    return bundleDir;
  }

  /** Kafka clients for this stack, for tools and tests. */
  public KafkaClients clients() {
    return new KafkaClients(stack.addresses().kafkaBootstrapServers(), "dreamworker-demo-tools", "consumer",
        "dreamworker-demo-tools", Map.of());
  }

  private long deadLetterCount(KafkaClients clients) {
    try (KafkaConsumer<byte[], byte[]> reader = clients.reader()) {
      TopicPartition partition = new TopicPartition(DEAD_LETTER_TOPIC, 0);
      return reader.endOffsets(List.of(partition)).get(partition) - reader.beginningOffsets(List.of(partition)).get(partition);
    }
  }

  /** Stops the worker (draining) and the stack; the folder stays for reading the outputs. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (worker != null) {
        worker.close();
      }
    } finally {
      stack.close();
    }
  }

  private static void clearPreviousRun(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> entries = Files.list(root)) {
      if (entries.findAny().isEmpty()) {
        return;
      }
    }
    if (!Files.exists(root.resolve(MARKER))) {
      throw new IllegalArgumentException(root + " is not empty and not a previous demo's folder; choose another"
          + " with --dir, or empty it");
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (!p.equals(root)) {
          Files.delete(p);
        }
      }
    }
  }
}
