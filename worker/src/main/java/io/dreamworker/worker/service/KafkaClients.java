package io.dreamworker.worker.service;

import io.dreamworker.worker.events.EventRecords;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The worker's Kafka clients, with the settings its correctness depends on fixed here and the
 * user's extra properties (security, tuning) layered underneath.
 *
 * <p>Fixed, because the offset and event logic assumes them: manual commits only; reading from the
 * earliest offset when the group has none (a new group processes the backlog rather than skipping
 * it); an idempotent producer with acks from all in-sync replicas (an acknowledged event survives a
 * broker failure, and a retried send is not duplicated), transactional in the exactly-once mode.
 *
 * @param bootstrapServers the brokers, {@code host:port,...}
 * @param groupId the consumer group of every worker of the fleet
 * @param groupProtocol {@code consumer} (KIP-848, incremental rebalances coordinated by the broker)
 *     or {@code classic}
 * @param clientId this worker's id in broker logs and quotas
 * @param extra properties of the user's (such as {@code security.protocol}); they cannot
 *     override the fixed ones
 */
public record KafkaClients(String bootstrapServers, String groupId, String groupProtocol, String clientId,
    Map<String, String> extra) {

  /** Fewer records per poll than the in-flight bound would only be handed back with seek. */
  public static final int MAX_POLL_RECORDS_CAP = 500;
  /** A little batching of events without delaying them noticeably next to a job's seconds. */
  public static final int PRODUCER_LINGER_MS = 5;

  public KafkaClients {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("kafka.bootstrap-servers must name at least one broker, host:port");
    }
    if (!"consumer".equals(groupProtocol) && !"classic".equals(groupProtocol)) {
      throw new IllegalArgumentException("kafka.group-protocol must be consumer or classic, got " + groupProtocol);
    }
    extra = Map.copyOf(extra);
  }

  /** The jobs consumer: manual commits, at most {@code maxInFlight} records per poll. */
  public KafkaConsumer<byte[], byte[]> consumer(int maxInFlight) {
    return new KafkaConsumer<>(consumerProperties(maxInFlight), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  /** The jobs consumer's properties. */
  Properties consumerProperties(int maxInFlight) {
    Properties props = base();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, groupProtocol);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(Math.min(MAX_POLL_RECORDS_CAP, maxInFlight)));
    // Never read records of aborted producer transactions (upstream producers may use them).
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return props;
  }

  /** The events and dead-letter producer: idempotent, acks=all. */
  public KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * The transactional events and dead-letter producer: idempotent, acks=all, with the worker's own
   * transactional id, so that a restarted worker fences its previous incarnation.
   *
   * @param transactionTimeout how long the broker lets a transaction stay open before aborting it:
   *     the longest a dead worker's open transaction holds up {@code read_committed} readers
   */
  public KafkaProducer<byte[], byte[]> transactionalProducer(String transactionalId, Duration transactionTimeout) {
    return new KafkaProducer<>(transactionalProducerProperties(transactionalId, transactionTimeout),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** The transactional producer's properties. */
  Properties transactionalProducerProperties(String transactionalId, Duration transactionTimeout) {
    Properties props = producerProperties();
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(transactionTimeout.toMillis()));
    return props;
  }

  /** The producer's {@code max.request.size}: the user's, or Kafka's default. */
  public int maxRequestBytes() {
    String configured = extra.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
    try {
      return configured == null ? EventRecords.DEFAULT_MAX_REQUEST_BYTES : Integer.parseInt(configured.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("kafka.properties max.request.size must be a number of bytes, got \""
          + configured + "\"");
    }
  }

  /** The producer's properties. */
  Properties producerProperties() {
    Properties props = base();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(PRODUCER_LINGER_MS));
    props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    return props;
  }

  /** A plain consumer with no group, for tools that read events (such as {@code submit --wait}). */
  public KafkaConsumer<byte[], byte[]> reader() {
    Properties props = base();
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private Properties base() {
    Properties props = new Properties();
    props.putAll(extra);
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    return props;
  }
}
