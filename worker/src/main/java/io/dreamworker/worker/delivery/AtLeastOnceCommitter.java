package io.dreamworker.worker.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At least once, for clusters without transactions (or to measure what they cost): the records are
 * sent and acknowledged (idempotent producer, acks=all) before the offsets are committed by the
 * consumer, so a crash between the two publishes a job's event again after the restart, with the
 * same event id for consumers to deduplicate on. Nothing is ever lost.
 */
public final class AtLeastOnceCommitter implements Committer {
  private static final Logger log = LoggerFactory.getLogger(AtLeastOnceCommitter.class);
  /** How long closing waits for the producer's buffers. */
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final Producer<byte[], byte[]> producer;
  private final Consumer<byte[], byte[]> consumer;

  /**
   * @param producer an idempotent producer, owned (closed) by this committer
   * @param consumer the jobs consumer, whose offsets this commits; not owned
   */
  public AtLeastOnceCommitter(Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> consumer) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.consumer = Objects.requireNonNull(consumer, "consumer");
  }

  @Override
  public CommitOutcome commit(List<ProducerRecord<byte[], byte[]>> records, Map<TopicPartition, OffsetAndMetadata> offsets,
      ConsumerGroupMetadata group) {
    try {
      List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
      for (ProducerRecord<byte[], byte[]> record : records) {
        sent.add(producer.send(record));
      }
      producer.flush();
      for (Future<RecordMetadata> ack : sent) {
        ack.get();
      }
    } catch (ExecutionException e) {
      Exception cause = e.getCause() instanceof Exception c ? c : e;
      return KafkaErrors.isFatal(cause) ? new CommitOutcome.Fatal(cause) : new CommitOutcome.Aborted(cause, false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new CommitOutcome.Aborted(e, false);
    } catch (RuntimeException e) {
      return KafkaErrors.isFatal(e) ? new CommitOutcome.Fatal(e) : new CommitOutcome.Aborted(e, false);
    }
    if (offsets.isEmpty()) {
      return CommitOutcome.COMMITTED;
    }
    try {
      consumer.commitSync(offsets);
      return CommitOutcome.COMMITTED;
    } catch (RuntimeException e) {
      return KafkaErrors.isFatal(e) ? new CommitOutcome.Fatal(e) : new CommitOutcome.Aborted(e, KafkaErrors.isRebalance(e));
    }
  }

  @Override
  public void close() {
    try {
      producer.close(CLOSE_TIMEOUT);
    } catch (RuntimeException e) {
      log.warn("closing the producer failed", e);
    }
  }
}
