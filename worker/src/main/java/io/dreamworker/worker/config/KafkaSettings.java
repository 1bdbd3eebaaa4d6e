package io.dreamworker.worker.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code kafka} section: where jobs come from and events go. Turning these into consumer and
 * producer properties is the ingest side's job; this record only holds the values.
 *
 * @param bootstrapServers brokers to connect to first, {@code host:port[,host:port...]}
 * @param groupId the consumer group
 * @param jobsTopics topics the jobs come from, at least one
 * @param eventsTopic topic of the completion events
 * @param deadLetterTopic topic of the rejected jobs' records
 * @param groupProtocol the rebalance protocol
 * @param maxInFlight jobs between poll and completion event before partitions pause
 * @param maxInFlightCost estimated model passes of the jobs in flight before partitions pause
 * @param resumePercent the share of both bounds below which paused partitions resume
 * @param delivery how events and offsets are committed
 * @param transactionalIdPrefix the start of each worker's transactional id; empty: the group id
 * @param transactionTimeout the producer's {@code transaction.timeout.ms}
 * @param commitInterval the shortest time between two commits
 * @param offsetMetadataMaxBytes the brokers' {@code offset.metadata.max.bytes}
 * @param properties extra client properties, applied to consumer and producer
 */
public record KafkaSettings(String bootstrapServers, String groupId, List<String> jobsTopics,
    String eventsTopic, String deadLetterTopic, GroupProtocol groupProtocol, int maxInFlight, long maxInFlightCost,
    int resumePercent, Delivery delivery, Optional<String> transactionalIdPrefix, Duration transactionTimeout,
    Duration commitInterval, int offsetMetadataMaxBytes, Map<String, String> properties) {

  public KafkaSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(groupId, "groupId");
    jobsTopics = List.copyOf(jobsTopics);
    Objects.requireNonNull(eventsTopic, "eventsTopic");
    Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    Objects.requireNonNull(groupProtocol, "groupProtocol");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(transactionalIdPrefix, "transactionalIdPrefix");
    Objects.requireNonNull(transactionTimeout, "transactionTimeout");
    Objects.requireNonNull(commitInterval, "commitInterval");
    properties = Map.copyOf(properties);
  }

  /** The transactional id of the worker {@code workerId}: {@code prefix-workerId}. */
  public String transactionalId(String workerId) {
    return transactionalIdPrefix.orElse(groupId) + "-" + workerId;
  }

  /** How completion events and the offsets they settle reach Kafka. */
  public enum Delivery {
    /** One transaction holds a job's event and its offset: read_committed readers see each event once. */
    EXACTLY_ONCE,
    /** The event is acknowledged, then the offset committed: a crash in between publishes it twice. */
    AT_LEAST_ONCE
  }

  /** Kafka's consumer rebalance protocols ({@code group.protocol}). */
  public enum GroupProtocol {
    /** KIP-848: the broker assigns partitions, with no stop-the-world rebalances (brokers 4.0+). */
    CONSUMER,
    /** The client-side assignor protocol, for older brokers. */
    CLASSIC
  }
}
