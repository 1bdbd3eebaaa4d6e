package io.dreamworker.worker.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 * @param properties extra client properties, applied to consumer and producer
 */
public record KafkaSettings(String bootstrapServers, String groupId, List<String> jobsTopics,
    String eventsTopic, String deadLetterTopic, GroupProtocol groupProtocol, int maxInFlight,
    Map<String, String> properties) {

  public KafkaSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(groupId, "groupId");
    jobsTopics = List.copyOf(jobsTopics);
    Objects.requireNonNull(eventsTopic, "eventsTopic");
    Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    Objects.requireNonNull(groupProtocol, "groupProtocol");
    properties = Map.copyOf(properties);
  }

  /** Kafka's consumer rebalance protocols ({@code group.protocol}). */
  public enum GroupProtocol {
    /** KIP-848: the broker assigns partitions, with no stop-the-world rebalances (brokers 4.0+). */
    CONSUMER,
    /** The client-side assignor protocol, for older brokers. */
    CLASSIC
  }
}
