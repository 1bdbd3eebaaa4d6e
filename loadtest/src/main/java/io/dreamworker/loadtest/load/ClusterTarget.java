package io.dreamworker.loadtest.load;

import io.dreamworker.loadtest.workload.JobSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Any Kafka cluster that dreamworker workers serve, reached with its own client properties
 * (security settings): the load test sends to its jobs topic and reads its events topic, and reads
 * the workers' group lag; it knows nothing of the workers beyond what it is told.
 */
final class ClusterTarget implements LoadTarget {
  private final String bootstrapServers;
  private final Map<String, String> properties;
  private final String jobsTopic;
  private final String eventsTopic;
  private final String group;
  private final int workers;
  private final KafkaProducer<byte[], byte[]> producer;
  private final Admin admin;

  /**
   * @param properties client properties for producer, admin and the events reader
   *     ({@code security.protocol}, {@code sasl.*}, ...)
   * @param group the workers' consumer group, for its lag
   * @param workers how many workers serve the topic, as reported
   */
  ClusterTarget(String bootstrapServers, Map<String, String> properties, String jobsTopic, String eventsTopic,
      String group, int workers) {
    this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    this.properties = Map.copyOf(properties);
    this.jobsTopic = Objects.requireNonNull(jobsTopic, "jobsTopic");
    this.eventsTopic = Objects.requireNonNull(eventsTopic, "eventsTopic");
    this.group = Objects.requireNonNull(group, "group");
    this.workers = workers;
    Properties producer = new Properties();
    producer.putAll(properties);
    producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    producer.put(ProducerConfig.ACKS_CONFIG, "all");
    producer.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    this.producer = new KafkaProducer<>(producer, new ByteArraySerializer(), new ByteArraySerializer());
    Properties admin = new Properties();
    admin.putAll(properties);
    admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    this.admin = Admin.create(admin);
  }

  @Override
  public void send(JobSpec job) {
    producer.send(new ProducerRecord<>(jobsTopic, job.jobId().getBytes(StandardCharsets.UTF_8), job.value()));
  }

  @Override
  public String bootstrapServers() {
    return bootstrapServers;
  }

  @Override
  public Map<String, String> clientProperties() {
    return properties;
  }

  @Override
  public String eventsTopic() {
    return eventsTopic;
  }

  @Override
  public long consumerLag() {
    return GroupLag.of(admin, group, jobsTopic);
  }

  @Override
  public Map<String, double[]> batchRowTotals() {
    return Map.of();
  }

  @Override
  public int workers() {
    return workers;
  }

  @Override
  public String engineMode() {
    return "as deployed";
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    admin.close(Duration.ofSeconds(5));
  }
}
