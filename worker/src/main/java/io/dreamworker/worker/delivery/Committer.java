package io.dreamworker.worker.delivery;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Publishes the records of settled jobs and commits the consumer offsets they settle.
 *
 * <p>Called on the consumer's thread only (the consumer's group metadata, and for at-least-once the
 * consumer itself, are used inside), one call at a time. A call blocks until the outcome is known:
 * milliseconds on a healthy cluster, at most the producer's {@code max.block.ms} /
 * {@code delivery.timeout.ms} on an unhealthy one.
 *
 * <p>Never throws for a Kafka failure: every failure is a {@link CommitOutcome}.
 */
public interface Committer extends AutoCloseable {

  /**
   * Publishes {@code records} and commits {@code offsets} (each with its metadata).
   *
   * @param records may be empty: an offsets-only commit (for example one that records which
   *     records were started)
   * @param offsets may be empty when there are records
   * @param group the consumer's {@code groupMetadata()}, by which the broker refuses a commit from
   *     a member that no longer owns the partitions (KIP-447)
   */
  CommitOutcome commit(List<ProducerRecord<byte[], byte[]>> records, Map<TopicPartition, OffsetAndMetadata> offsets,
      ConsumerGroupMetadata group);

  /** Releases the producer; does not throw. */
  @Override
  void close();
}
