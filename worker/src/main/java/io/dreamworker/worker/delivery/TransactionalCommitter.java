package io.dreamworker.worker.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly once: each commit is one Kafka transaction holding the records and the consumer offsets
 * they settle, so {@code read_committed} readers of the events topic see a job's event if and only
 * if its offset is committed.
 *
 * <p>Zombie fencing (KIP-447): the offsets go with the consumer's group metadata, and the group
 * coordinator refuses them from a member whose generation no longer owns the partitions; the
 * transaction is then aborted and its events are never visible. The transactional id is the
 * worker's own ({@code prefix-workerId}), so a restarted worker fences its previous incarnation
 * at {@link #start}, aborting whatever transaction that one left open.
 *
 * <p>Transactions are short: opened, filled and committed inside one {@link #commit} call on the
 * consumer thread, never held across model work, so {@code transaction.timeout.ms} can be seconds
 * and a dead worker's open transaction blocks readers only that long.
 *
 * <p>Error handling follows {@code KafkaProducer}'s contract: fatal errors (fenced, sequence,
 * authorization) end the producer; any other error aborts the transaction, and a commit can be
 * tried again; an abort that fails is fatal.
 */
public final class TransactionalCommitter implements Committer {
  private static final Logger log = LoggerFactory.getLogger(TransactionalCommitter.class);
  /** How long closing waits for the producer's buffers. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final Producer<byte[], byte[]> producer;
  private boolean failed;

  private TransactionalCommitter(Producer<byte[], byte[]> producer) {
    this.producer = producer;
  }

  /**
   * Takes over {@code producer} (configured with a {@code transactional.id}) and initializes its
   * transactions, which fences an earlier producer with the same id and aborts its open transaction.
   *
   * @throws KafkaException when the transaction coordinator cannot be reached or refuses the id;
   *     the producer is closed
   */
  public static TransactionalCommitter start(Producer<byte[], byte[]> producer) {
    Objects.requireNonNull(producer, "producer");
    try {
      producer.initTransactions();
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
    return new TransactionalCommitter(producer);
  }

  @Override
  public CommitOutcome commit(List<ProducerRecord<byte[], byte[]>> records, Map<TopicPartition, OffsetAndMetadata> offsets,
      ConsumerGroupMetadata group) {
    if (failed) {
      return new CommitOutcome.Fatal(new IllegalStateException("the transactional producer failed before"));
    }
    if (records.isEmpty() && offsets.isEmpty()) {
      return CommitOutcome.COMMITTED;
    }
    try {
      producer.beginTransaction();
      for (ProducerRecord<byte[], byte[]> record : records) {
        // A send that fails puts the transaction in an abortable state; commitTransaction throws it.
        producer.send(record);
      }
      if (!offsets.isEmpty()) {
        producer.sendOffsetsToTransaction(offsets, group);
      }
      producer.commitTransaction();
      return CommitOutcome.COMMITTED;
    } catch (RuntimeException e) {
      if (KafkaErrors.isFatal(e)) {
        failed = true;
        return new CommitOutcome.Fatal(e);
      }
      try {
        producer.abortTransaction();
      } catch (RuntimeException abortFailed) {
        abortFailed.addSuppressed(e);
        failed = true;
        return new CommitOutcome.Fatal(abortFailed);
      }
      return new CommitOutcome.Aborted(e, KafkaErrors.isRebalance(e));
    }
  }

  @Override
  public void close() {
    try {
      producer.close(CLOSE_TIMEOUT);
    } catch (RuntimeException e) {
      log.warn("closing the transactional producer failed", e);
    }
  }
}
