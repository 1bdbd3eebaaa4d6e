package io.dreamworker.worker.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dreamworker.model.bundle.BundleManifest;
import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.model.bundle.RandomBundles;
import io.dreamworker.worker.config.WorkerConfig;
import io.dreamworker.worker.config.WorkerConfigLoader;
import io.dreamworker.worker.stack.EmbeddedStack;
import io.dreamworker.worker.storage.S3Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * What the worker's end-to-end tests share within one test class: a real embedded stack (Kafka
 * broker and S3 server as child processes), a random tiny bundle, and the clients a user would
 * hold (a producer, an S3 client, an admin client). Each test takes {@link Topics} of its own, so
 * that tests in a class do not see each other's jobs, events or committed offsets.
 */
final class WorkerTestStack implements AutoCloseable {
  /** Where the workers write their outputs. */
  static final String OUTPUT_BUCKET = "it-outputs";
  /** The one bucket S3 inputs may come from. */
  static final String INPUT_BUCKET = "it-inputs";
  /** A bucket that exists and holds objects, but is not an allowed input bucket. */
  static final String PRIVATE_BUCKET = "it-private";
  /** The workers' key prefix when a job names none. */
  static final String OUTPUT_PREFIX = "it";
  /** Partitions of each test's jobs topic: several, so that jobs settle out of order. */
  static final int JOBS_PARTITIONS = 3;
  /** The random bundle's seed: its manifest version is {@code seed-<seed>}. */
  static final long BUNDLE_SEED = 11;
  /** A settled job's offset is committed on the consumer loop's next turn: well within this. */
  private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(30);

  private final EmbeddedStack stack;
  private final Path bundleDir;
  private final S3Client s3;
  private final Admin admin;
  private final KafkaProducer<byte[], byte[]> producer;

  /**
   * The topics and group of one test.
   *
   * @param group the consumer group of the workers under test
   */
  record Topics(String jobs, String events, String deadLetters, String group) {}

  private WorkerTestStack(EmbeddedStack stack, Path bundleDir) {
    this.stack = stack;
    this.bundleDir = bundleDir;
    this.s3 = stack.s3().newClient();
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.addresses().kafkaBootstrapServers());
    this.admin = Admin.create(admin);
    Properties producer = new Properties();
    producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.addresses().kafkaBootstrapServers());
    producer.put(ProducerConfig.ACKS_CONFIG, "all");
    this.producer = new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Starts the stack under {@code dir} while generating the bundle, and creates the buckets. */
  static WorkerTestStack start(Path dir) {
    Path bundleDir = dir.resolve("bundle");
    CompletableFuture<BundleManifest> bundle = CompletableFuture.supplyAsync(() -> {
      try {
        return RandomBundles.write(bundleDir, BundlePreset.TINY, BUNDLE_SEED);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    EmbeddedStack stack = EmbeddedStack.start(dir.resolve("stack"));
    try {
      for (String bucket : List.of(OUTPUT_BUCKET, INPUT_BUCKET, PRIVATE_BUCKET)) {
        stack.s3().createBucket(bucket);
      }
      bundle.join();
      return new WorkerTestStack(stack, bundleDir);
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /** Creates the topics {@code name.jobs} (several partitions), {@code name.events} and {@code name.dlq}. */
  Topics topics(String name) {
    Topics topics = new Topics(name + ".jobs", name + ".events", name + ".dlq", name + ".group");
    stack.kafka().createTopics(Map.of(topics.jobs(), JOBS_PARTITIONS, topics.events(), 2, topics.deadLetters(), 1));
    return topics;
  }

  /**
   * The worker's configuration for {@code topics} as environment overrides, as an operator would
   * set them: S3 inputs allowed from {@link #INPUT_BUCKET} only, and {@code overrides} last.
   */
  Map<String, String> environment(Topics topics, Map<String, String> overrides) {
    EmbeddedStack.Addresses a = stack.addresses();
    Map<String, String> env = new HashMap<>();
    env.put("DREAMWORKER_BUNDLE_PATH", bundleDir.toString());
    env.put("DREAMWORKER_BUNDLE_DEVICE", "cpu");
    env.put("DREAMWORKER_KAFKA_BOOTSTRAP_SERVERS", a.kafkaBootstrapServers());
    env.put("DREAMWORKER_KAFKA_GROUP_ID", topics.group());
    env.put("DREAMWORKER_KAFKA_JOBS_TOPICS", topics.jobs());
    env.put("DREAMWORKER_KAFKA_EVENTS_TOPIC", topics.events());
    env.put("DREAMWORKER_KAFKA_DEAD_LETTER_TOPIC", topics.deadLetters());
    env.put("DREAMWORKER_S3_ENDPOINT", a.s3Endpoint().toString());
    env.put("DREAMWORKER_S3_REGION", a.s3Region());
    env.put("DREAMWORKER_S3_PATH_STYLE", "true");
    env.put("DREAMWORKER_S3_OUTPUT_BUCKET", OUTPUT_BUCKET);
    env.put("DREAMWORKER_S3_OUTPUT_PREFIX", OUTPUT_PREFIX);
    env.put("DREAMWORKER_S3_ALLOWED_INPUT_BUCKETS", INPUT_BUCKET);
    env.put("DREAMWORKER_HTTP_HOST", "127.0.0.1");
    env.put("DREAMWORKER_HTTP_PORT", "0");
    // Tests close workers with nothing left in flight; a failed one should not hold the run up long.
    env.put("DREAMWORKER_SHUTDOWN_DRAIN_TIMEOUT", "10s");
    // A killed worker's open transaction holds readers and the next owner up this long at most.
    env.put("DREAMWORKER_KAFKA_TRANSACTION_TIMEOUT", "5s");
    env.putAll(overrides);
    return env;
  }

  WorkerConfig config(Topics topics, Map<String, String> overrides) {
    return WorkerConfigLoader.fromEnvironment(environment(topics, overrides));
  }

  /** Starts a worker in this process: it loads the bundle and joins the group of {@code topics}. */
  Worker startWorker(String workerId, Topics topics, Map<String, String> overrides, WorkerHooks hooks) {
    EmbeddedStack.Addresses a = stack.addresses();
    return Worker.start(config(topics, overrides), hooks, new WorkerEnvironment(workerId,
        Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create(a.s3AccessKeyId(),
            a.s3SecretAccessKey()))), Clock.systemUTC()));
  }

  /** Sends one record and waits for the broker's acknowledgement. */
  RecordMetadata send(String topic, String key, byte[] value) {
    return send(topic, null, key, value);
  }

  /** Sends one record to a given partition (null: by its key) and waits for the acknowledgement. */
  RecordMetadata send(String topic, Integer partition, String key, byte[] value) {
    try {
      return producer.send(new ProducerRecord<>(topic, partition,
          key == null ? null : key.getBytes(StandardCharsets.UTF_8), value)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("sending to " + topic + " failed", e.getCause());
    }
  }

  RecordMetadata send(String topic, String key, String json) {
    return send(topic, key, json.getBytes(StandardCharsets.UTF_8));
  }

  /** A reader of every record of {@code topic}, from its beginning. */
  TopicTail tail(String topic) {
    return TopicTail.of(stack.addresses().kafkaBootstrapServers(), topic);
  }

  /** The group's committed position per partition of {@code topic} (absent: nothing committed). */
  Map<TopicPartition, Long> committed(String group, String topic) {
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      return offsets.entrySet().stream()
          .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("reading the offsets of group " + group + " failed", e.getCause());
    }
  }

  /** The end offset of each partition of {@code topic}: the position after its last record. */
  Map<TopicPartition, Long> endOffsets(String topic) {
    try {
      List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
          .partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
          .all().get().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("reading the end offsets of " + topic + " failed", e.getCause());
    }
  }

  /**
   * Waits until the group's committed offsets reach the end of every partition of the jobs topic
   * that has records: every record sent so far is settled for good.
   */
  void awaitCommittedToEnd(Topics topics) {
    Map<TopicPartition, Long> ends = withRecords(endOffsets(topics.jobs()));
    await().atMost(COMMIT_TIMEOUT).untilAsserted(() ->
        assertThat(withRecords(committed(topics.group(), topics.jobs())))
            .as("committed offsets of %s", topics.group()).isEqualTo(ends));
  }

  private static Map<TopicPartition, Long> withRecords(Map<TopicPartition, Long> offsets) {
    return offsets.entrySet().stream().filter(e -> e.getValue() > 0)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** Stores an object in {@code bucket}. */
  String put(String bucket, String key, byte[] bytes, String contentType) {
    s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    return "s3://" + bucket + "/" + key;
  }

  /** An object by its {@code s3://} URI, with its metadata. */
  ResponseBytes<GetObjectResponse> get(String uri) {
    S3Location location = S3Location.parse(uri);
    return s3.getObjectAsBytes(b -> b.bucket(location.bucket()).key(location.key()));
  }

  /** The keys under {@code prefix} in the output bucket. */
  List<String> outputKeys(String prefix) {
    return s3.listObjectsV2Paginator(b -> b.bucket(OUTPUT_BUCKET).prefix(prefix)).contents().stream()
        .map(o -> o.key()).sorted().toList();
  }

  EmbeddedStack stack() {
    return stack;
  }

  @Override
  public void close() {
    try {
      producer.close();
      admin.close();
      s3.close();
    } finally {
      stack.close();
    }
  }
}
