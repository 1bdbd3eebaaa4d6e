package io.dreamworker.worker.ingest;

import io.dreamworker.worker.delivery.CommitOutcome;
import io.dreamworker.worker.delivery.Committer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * A committer for the consumer loop's unit tests: commits the offsets into the {@link LogConsumer}
 * (where the loop reads them back after a reassignment) and keeps the records it "published";
 * outcomes other than success can be queued.
 */
final class RecordingCommitter implements Committer {
  private final LogConsumer consumer;
  private final List<ProducerRecord<byte[], byte[]>> published = new CopyOnWriteArrayList<>();
  private final List<Map<TopicPartition, OffsetAndMetadata>> commits = new CopyOnWriteArrayList<>();
  private final Deque<CommitOutcome> queued = new ArrayDeque<>();
  private final AtomicInteger attempts = new AtomicInteger();

  RecordingCommitter(LogConsumer consumer) {
    this.consumer = consumer;
  }

  /** The next {@code times} commits end with {@code outcome} and change nothing. */
  synchronized void failNext(int times, CommitOutcome outcome) {
    for (int i = 0; i < times; i++) {
      queued.add(outcome);
    }
  }

  @Override
  public CommitOutcome commit(List<ProducerRecord<byte[], byte[]>> records, Map<TopicPartition, OffsetAndMetadata> offsets,
      ConsumerGroupMetadata group) {
    attempts.incrementAndGet();
    CommitOutcome outcome;
    synchronized (this) {
      outcome = queued.poll();
    }
    if (outcome != null) {
      return outcome;
    }
    published.addAll(records);
    if (!offsets.isEmpty()) {
      consumer.commitSync(offsets);
      commits.add(Map.copyOf(offsets));
    }
    return CommitOutcome.COMMITTED;
  }

  List<ProducerRecord<byte[], byte[]>> published() {
    return published;
  }

  /** The published records' keys, as text. */
  List<String> publishedKeys() {
    List<String> keys = new ArrayList<>();
    published.forEach(r -> keys.add(new String(r.key(), StandardCharsets.UTF_8)));
    return keys;
  }

  List<Map<TopicPartition, OffsetAndMetadata>> commits() {
    return commits;
  }

  int attempts() {
    return attempts.get();
  }

  @Override
  public void close() {}
}
