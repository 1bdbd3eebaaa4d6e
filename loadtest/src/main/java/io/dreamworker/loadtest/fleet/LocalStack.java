package io.dreamworker.loadtest.fleet;

import io.dreamworker.worker.stack.EmbeddedStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The embedded stack (a real Kafka broker and a real S3 server on 127.0.0.1, see
 * {@link EmbeddedStack}) with the clients a harness holds: an admin client, a producer of jobs and
 * an S3 client, and the output bucket.
 */
public final class LocalStack implements AutoCloseable {
  /** The bucket the workers write their outputs to. */
  public static final String OUTPUT_BUCKET = "dreamworker-outputs";

  private final EmbeddedStack stack;
  private final Admin admin;
  private final KafkaProducer<byte[], byte[]> producer;
  private final S3Client s3;

  private LocalStack(EmbeddedStack stack) {
    this.stack = stack;
    Properties admin = new Properties();
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.addresses().kafkaBootstrapServers());
    this.admin = Admin.create(admin);
    Properties producer = new Properties();
    producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.addresses().kafkaBootstrapServers());
    producer.put(ProducerConfig.ACKS_CONFIG, "all");
    producer.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    this.producer = new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer());
    this.s3 = stack.s3().newClient();
  }

  /** Starts the stack's servers under {@code root} and creates the output bucket. */
  public static LocalStack start(Path root) {
    EmbeddedStack stack = EmbeddedStack.start(root);
    try {
      stack.s3().createBucket(OUTPUT_BUCKET);
      return new LocalStack(stack);
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /** Creates the topics of {@code topics}: the jobs topic with its partitions, events 3, dead letters 1. */
  public Topics create(Topics topics) {
    stack.kafka().createTopics(Map.of(topics.jobs(), topics.jobsPartitions(), topics.events(), 3,
        topics.deadLetters(), 1));
    return topics;
  }

  /** Sends a record without waiting for its acknowledgement; {@link #flush()} waits for all. */
  public java.util.concurrent.Future<RecordMetadata> send(String topic, String key, byte[] value) {
    return producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
  }

  /** Sends a record to a given partition, without waiting for its acknowledgement. */
  public java.util.concurrent.Future<RecordMetadata> send(String topic, int partition, String key, byte[] value) {
    return producer.send(new ProducerRecord<>(topic, partition, key.getBytes(StandardCharsets.UTF_8), value));
  }

  /** Waits until every record sent so far is acknowledged. */
  public void flush() {
    producer.flush();
  }

  public EmbeddedStack.Addresses addresses() {
    return stack.addresses();
  }

  public Admin admin() {
    return admin;
  }

  public S3Client s3() {
    return s3;
  }

  public Path root() {
    return stack.root();
  }

  @Override
  public void close() {
    try {
      producer.close(Duration.ofSeconds(5));
      admin.close(Duration.ofSeconds(5));
      s3.close();
    } finally {
      stack.close();
    }
  }
}
