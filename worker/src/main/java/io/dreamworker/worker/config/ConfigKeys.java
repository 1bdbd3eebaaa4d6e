package io.dreamworker.worker.config;

import static io.dreamworker.worker.config.ConfigKey.optional;
import static io.dreamworker.worker.config.ConfigKey.required;

import io.dreamworker.model.engine.scheduling.SchedulerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every key of the worker's configuration file, each defined once with its type, default,
 * constraint and documentation (as Kafka's {@code ConfigDef} does). {@link WorkerConfigLoader}
 * reads and checks them, {@link ConfigKeysTable} documents them, and {@link WorkerConfig} holds
 * their values by section.
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  private static final long KIB = 1L << 10;
  private static final long GIB = 1L << 30;

  // bundle

  public static final ConfigKey<Path> BUNDLE_PATH = required("bundle.path", ValueTypes.PATH,
      Constraint.none(), "Directory holding the model bundle (its bundle.json).");
  public static final ConfigKey<BundleSettings.Device> BUNDLE_DEVICE = optional("bundle.device",
      ValueTypes.choice(BundleSettings.Device.class), BundleSettings.Device.AUTO, Constraint.none(),
      "Where the model runs: auto takes a GPU when there is one, else the CPU.");

  // kafka

  public static final ConfigKey<String> KAFKA_BOOTSTRAP_SERVERS = required("kafka.bootstrap-servers",
      ValueTypes.STRING, Constraints.hostPorts(), "Kafka brokers to connect to first, as host:port pairs.");
  public static final ConfigKey<String> KAFKA_GROUP_ID = optional("kafka.group-id", ValueTypes.STRING,
      "dreamworker", Constraints.nonBlank(), "Consumer group the workers share the jobs topics' partitions in.");
  public static final ConfigKey<List<String>> KAFKA_JOBS_TOPICS = optional("kafka.jobs-topics",
      ValueTypes.STRING_LIST, List.of("dreamworker.jobs"), Constraints.topicNames(),
      "Topics the jobs come from.");
  public static final ConfigKey<String> KAFKA_EVENTS_TOPIC = optional("kafka.events-topic",
      ValueTypes.STRING, "dreamworker.events", Constraints.topicName(),
      "Topic the completion events go to, in the same transaction as the offsets they settle.");
  public static final ConfigKey<String> KAFKA_DEAD_LETTER_TOPIC = optional("kafka.dead-letter-topic",
      ValueTypes.STRING, "dreamworker.dlq", Constraints.topicName(),
      "Topic that receives the original record of every rejected job, with the reason in headers.");
  public static final ConfigKey<KafkaSettings.GroupProtocol> KAFKA_GROUP_PROTOCOL = optional(
      "kafka.group-protocol", ValueTypes.choice(KafkaSettings.GroupProtocol.class),
      KafkaSettings.GroupProtocol.CONSUMER, Constraint.none(),
      "Rebalance protocol: consumer (KIP-848, brokers 4.0 and newer) or classic.");
  public static final ConfigKey<Integer> KAFKA_MAX_IN_FLIGHT = optional("kafka.max-in-flight",
      ValueTypes.INT, 64, Constraints.between(1, 10_000),
      "Jobs between poll and completion event; partitions pause at it and resume below kafka.resume-percent of it.");
  public static final ConfigKey<Long> KAFKA_MAX_IN_FLIGHT_COST = optional("kafka.max-in-flight-cost",
      ValueTypes.LONG, 100_000L, Constraints.between(1, 1L << 40),
      "Estimated model passes of the jobs in flight (LLM steps plus denoising steps per latent row); pauses like"
          + " kafka.max-in-flight.");
  public static final ConfigKey<Integer> KAFKA_RESUME_PERCENT = optional("kafka.resume-percent",
      ValueTypes.INT, 75, Constraints.between(1, 100),
      "Paused partitions resume once jobs and cost in flight are below this share of their bounds.");
  public static final ConfigKey<KafkaSettings.Delivery> KAFKA_DELIVERY = optional("kafka.delivery",
      ValueTypes.choice(KafkaSettings.Delivery.class), KafkaSettings.Delivery.EXACTLY_ONCE, Constraint.none(),
      "exactly-once commits each event with the offsets it settles in one transaction; at-least-once publishes,"
          + " then commits (a crash in between publishes an event twice).");
  public static final ConfigKey<Optional<String>> KAFKA_TRANSACTIONAL_ID_PREFIX = optional(
      "kafka.transactional-id-prefix", ValueTypes.OPTIONAL_STRING, Optional.empty(),
      Constraints.transactionalIdPrefix(),
      "Start of each worker's transactional id (prefix-workerId); empty takes kafka.group-id.");
  public static final ConfigKey<Duration> KAFKA_TRANSACTION_TIMEOUT = optional("kafka.transaction-timeout",
      ValueTypes.DURATION, Duration.ofSeconds(15), Constraints.durationBetween(Duration.ofSeconds(1),
          Duration.ofMinutes(15)),
      "How long a dead worker's open transaction may hold up readers and the next owner before the broker aborts it.");
  public static final ConfigKey<Duration> KAFKA_COMMIT_INTERVAL = optional("kafka.commit-interval",
      ValueTypes.DURATION, Duration.ofMillis(100), Constraints.durationBetween(Duration.ZERO, Duration.ofSeconds(10)),
      "Shortest time between two commits (transactions); settled events wait for the next one at most this long.");
  public static final ConfigKey<Integer> KAFKA_OFFSET_METADATA_MAX_BYTES = optional("kafka.offset-metadata-max-bytes",
      ValueTypes.INT, 4096, Constraints.between(256, 1 << 20),
      "The brokers' offset.metadata.max.bytes: the completed offsets above a commit must fit in it.");
  public static final ConfigKey<Map<String, String>> KAFKA_PROPERTIES = optional("kafka.properties",
      ValueTypes.STRING_MAP, Map.of(),
      Constraints.kafkaProperties(
          Map.of("bootstrap.servers", KAFKA_BOOTSTRAP_SERVERS.name(), "group.id", KAFKA_GROUP_ID.name(),
              "group.protocol", KAFKA_GROUP_PROTOCOL.name()),
          Set.of("enable.auto.commit", "isolation.level", "transactional.id", "transaction.timeout.ms",
              "enable.idempotence", "acks", "key.deserializer", "value.deserializer", "key.serializer",
              "value.serializer")),
      "Extra Kafka client properties (security.protocol, sasl.*, ...) for consumer and producer.");

  // jobs

  public static final ConfigKey<Integer> JOBS_MAX_ATTEMPTS = optional("jobs.max-attempts", ValueTypes.INT, 3,
      Constraints.between(1, 100),
      "Attempts a job gets (engine failures, timeouts, workers that died running it) before it fails.");
  public static final ConfigKey<Duration> JOBS_ATTEMPT_TIMEOUT = optional("jobs.attempt-timeout",
      ValueTypes.DURATION, Duration.ofMinutes(10),
      Constraints.durationBetween(Duration.ofSeconds(1), Duration.ofHours(24)),
      "How long one attempt at a job may run before it is cancelled and counted as failed.");

  // s3

  public static final ConfigKey<Optional<String>> S3_REGION = optional("s3.region",
      ValueTypes.OPTIONAL_STRING, Optional.empty(), Constraint.none(),
      "AWS region of the buckets; empty takes the SDK's default region chain.");
  public static final ConfigKey<Optional<URI>> S3_ENDPOINT = optional("s3.endpoint",
      ValueTypes.OPTIONAL_URI, Optional.empty(), Constraints.httpUri(),
      "Endpoint of an S3-compatible server; empty for AWS.");
  public static final ConfigKey<Boolean> S3_PATH_STYLE = optional("s3.path-style", ValueTypes.BOOLEAN,
      false, Constraint.none(), "Address buckets in the path rather than the host name (most S3-compatible servers).");
  public static final ConfigKey<String> S3_OUTPUT_BUCKET = required("s3.output-bucket", ValueTypes.STRING,
      Constraints.bucketName(), "Bucket the generated documents and images are written to.");
  public static final ConfigKey<String> S3_OUTPUT_PREFIX = optional("s3.output-prefix", ValueTypes.STRING,
      "dreamworker", Constraints.keyPrefix(), "Key prefix of the outputs; a job's output_prefix replaces it.");
  public static final ConfigKey<List<String>> S3_ALLOWED_INPUT_BUCKETS = optional("s3.allowed-input-buckets",
      ValueTypes.STRING_LIST, List.of(), Constraints.bucketNames(),
      "Buckets S3 input images may come from; empty refuses every S3 input.");
  public static final ConfigKey<Long> S3_MAX_INPUT_IMAGE_BYTES = optional("s3.max-input-image-bytes",
      ValueTypes.BYTE_SIZE, 8 * KIB * KIB, Constraints.bytesBetween(KIB, GIB),
      "Largest input image accepted, read from S3 or inline.");
  public static final ConfigKey<Integer> S3_RETRY_MAX_ATTEMPTS = optional("s3.retry.max-attempts",
      ValueTypes.INT, 5, Constraints.between(1, 20),
      "Tries of one S3 request, the first included, before the job fails.");
  public static final ConfigKey<Duration> S3_RETRY_INITIAL_BACKOFF = optional("s3.retry.initial-backoff",
      ValueTypes.DURATION, Duration.ofMillis(200),
      Constraints.durationBetween(Duration.ofMillis(1), Duration.ofMinutes(1)),
      "Wait before the first retry; later waits grow, with jitter, up to s3.retry.max-backoff.");
  public static final ConfigKey<Duration> S3_RETRY_MAX_BACKOFF = optional("s3.retry.max-backoff",
      ValueTypes.DURATION, Duration.ofSeconds(5),
      Constraints.durationBetween(Duration.ofMillis(1), Duration.ofMinutes(10)),
      "Longest wait between two retries.");

  // engine: defaults are the engine's own, so that an empty section runs it as tuned

  public static final ConfigKey<Integer> ENGINE_MAX_RUNNING_SEQUENCES = optional(
      "engine.max-running-sequences", ValueTypes.INT, SchedulerConfig.DEFAULT_MAX_RUNNING_SEQUENCES,
      Constraints.between(1, 4_096),
      "Requests holding a KV-cache reservation at once; prefill and decode batches fill up to it.");
  public static final ConfigKey<Long> ENGINE_KV_CACHE_BUDGET_TOKENS = optional(
      "engine.kv-cache-budget-tokens", ValueTypes.LONG, SchedulerConfig.DEFAULT_KV_CACHE_BUDGET_TOKENS,
      Constraints.between(1, 1L << 32),
      "KV-cache positions the device holds for all running sequences together.");
  public static final ConfigKey<Integer> ENGINE_MAX_DIFFUSION_ROWS_IN_FLIGHT = optional(
      "engine.max-diffusion-rows-in-flight", ValueTypes.INT, SchedulerConfig.DEFAULT_MAX_DIFFUSION_ROWS_IN_FLIGHT,
      // 2 at least: a guidance pair takes two rows, and with one every guided image is refused.
      Constraints.between(2, 4_096),
      "Latent rows (two per guidance pair) denoising at once.");
  public static final ConfigKey<Duration> ENGINE_MAX_QUEUE_DELAY = optional("engine.max-queue-delay",
      ValueTypes.DURATION, SchedulerConfig.DEFAULT_ENTRY_QUEUE_DELAY,
      Constraints.durationBetween(Duration.ZERO, Duration.ofSeconds(1)),
      "How long new work waits for its vision or prefill batch to fill; 0s runs whatever waits.");
  public static final ConfigKey<EngineSettings.Mode> ENGINE_MODE = optional("engine.mode",
      ValueTypes.choice(EngineSettings.Mode.class), EngineSettings.Mode.CONTINUOUS, Constraint.none(),
      "continuous batches requests at every step; sequential runs one request at a time (a baseline).");

  // http

  public static final ConfigKey<String> HTTP_HOST = optional("http.host", ValueTypes.STRING, "0.0.0.0",
      Constraints.nonBlank(), "Address the /metrics, /healthz and /readyz server listens on.");
  public static final ConfigKey<Integer> HTTP_PORT = optional("http.port", ValueTypes.INT, 8080,
      Constraints.between(0, 65_535), "Port of that server; 0 takes any free port.");

  // shutdown

  public static final ConfigKey<Duration> SHUTDOWN_DRAIN_TIMEOUT = optional("shutdown.drain-timeout",
      ValueTypes.DURATION, Duration.ofSeconds(60),
      Constraints.durationBetween(Duration.ZERO, Duration.ofHours(1)),
      "On SIGTERM, how long in-flight jobs may finish before the worker commits and leaves.");
  public static final ConfigKey<Duration> SHUTDOWN_CANCEL_TIMEOUT = optional("shutdown.cancel-timeout",
      ValueTypes.DURATION, Duration.ofSeconds(5), Constraints.durationBetween(Duration.ZERO, Duration.ofMinutes(5)),
      "When partitions are revoked or the drain ends, how long cancelled jobs may take to stop before they are left.");

  // testing

  public static final ConfigKey<Boolean> TESTING_FAULT_INJECTION = optional("testing.fault-injection",
      ValueTypes.BOOLEAN, false, Constraint.none(),
      "Honour a job's dw-fault metadata (crash, engine_failure, hang) to test poison-job handling; never in production.");

  // lag-publisher

  public static final ConfigKey<Boolean> LAG_PUBLISHER_ENABLED = optional("lag-publisher.enabled",
      ValueTypes.BOOLEAN, false, Constraint.none(),
      "Publish the consumer group's lag to CloudWatch, for autoscaling on it.");
  public static final ConfigKey<String> LAG_PUBLISHER_NAMESPACE = optional("lag-publisher.namespace",
      ValueTypes.STRING, "Dreamworker", Constraints.cloudWatchNamespace(), "CloudWatch namespace of the lag metric.");
  public static final ConfigKey<Duration> LAG_PUBLISHER_INTERVAL = optional("lag-publisher.interval",
      ValueTypes.DURATION, Duration.ofSeconds(60),
      Constraints.durationBetween(Duration.ofSeconds(1), Duration.ofHours(1)),
      "Time between two lag publications.");
  public static final ConfigKey<Optional<String>> LAG_PUBLISHER_REGION = optional("lag-publisher.region",
      ValueTypes.OPTIONAL_STRING, Optional.empty(), Constraint.none(),
      "AWS region of CloudWatch; empty takes the SDK's default region chain.");

  /** Every key, in the order of the file and of the documentation. */
  public static final List<ConfigKey<?>> ALL = List.of(
      BUNDLE_PATH, BUNDLE_DEVICE,
      KAFKA_BOOTSTRAP_SERVERS, KAFKA_GROUP_ID, KAFKA_JOBS_TOPICS, KAFKA_EVENTS_TOPIC,
      KAFKA_DEAD_LETTER_TOPIC, KAFKA_GROUP_PROTOCOL, KAFKA_MAX_IN_FLIGHT, KAFKA_MAX_IN_FLIGHT_COST,
      KAFKA_RESUME_PERCENT, KAFKA_DELIVERY, KAFKA_TRANSACTIONAL_ID_PREFIX, KAFKA_TRANSACTION_TIMEOUT,
      KAFKA_COMMIT_INTERVAL, KAFKA_OFFSET_METADATA_MAX_BYTES, KAFKA_PROPERTIES,
      JOBS_MAX_ATTEMPTS, JOBS_ATTEMPT_TIMEOUT,
      S3_REGION, S3_ENDPOINT, S3_PATH_STYLE, S3_OUTPUT_BUCKET, S3_OUTPUT_PREFIX,
      S3_ALLOWED_INPUT_BUCKETS, S3_MAX_INPUT_IMAGE_BYTES, S3_RETRY_MAX_ATTEMPTS,
      S3_RETRY_INITIAL_BACKOFF, S3_RETRY_MAX_BACKOFF,
      ENGINE_MAX_RUNNING_SEQUENCES, ENGINE_KV_CACHE_BUDGET_TOKENS, ENGINE_MAX_DIFFUSION_ROWS_IN_FLIGHT,
      ENGINE_MAX_QUEUE_DELAY, ENGINE_MODE,
      HTTP_HOST, HTTP_PORT,
      SHUTDOWN_DRAIN_TIMEOUT, SHUTDOWN_CANCEL_TIMEOUT,
      TESTING_FAULT_INJECTION,
      LAG_PUBLISHER_ENABLED, LAG_PUBLISHER_NAMESPACE, LAG_PUBLISHER_INTERVAL, LAG_PUBLISHER_REGION);

  /** The key named {@code name}, if there is one. */
  public static Optional<ConfigKey<?>> named(String name) {
    return ALL.stream().filter(k -> k.name().equals(name)).findFirst();
  }
}
