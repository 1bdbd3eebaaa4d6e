package io.dreamworker.worker.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka's {@link MockConsumer} with two things a real broker has and it lacks: a seek back
 * re-delivers records it already returned (they stay in the partition's log), and commits remain
 * readable after the consumer is closed (as they would in the group coordinator).
 */
final class LogConsumer extends MockConsumer<byte[], byte[]> {
  private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> log = new ConcurrentHashMap<>();
  private final Map<TopicPartition, Long> returnedUpTo = new ConcurrentHashMap<>();
  private final Map<TopicPartition, OffsetAndMetadata> commits = new ConcurrentHashMap<>();

  LogConsumer() {
    super("earliest");
  }

  /** Appends to the partition's log and makes it available to poll. */
  void append(ConsumerRecord<byte[], byte[]> record) {
    log.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), p -> new ArrayList<>()).add(record);
    addRecord(record);
  }

  /** The last committed position, or null. */
  Long committedPosition(TopicPartition partition) {
    OffsetAndMetadata committed = commits.get(partition);
    return committed == null ? null : committed.offset();
  }

  /** The last committed metadata, or null. */
  String committedMetadata(TopicPartition partition) {
    OffsetAndMetadata committed = commits.get(partition);
    return committed == null ? null : committed.metadata();
  }

  /** Records appended to the partition so far: the next record's offset. */
  long logSize(TopicPartition partition) {
    return log.getOrDefault(partition, List.of()).size();
  }

  @Override
  public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
    ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> batch = records.records(partition);
      returnedUpTo.merge(partition, batch.get(batch.size() - 1).offset(), Math::max);
    }
    return records;
  }

  @Override
  public synchronized void seek(TopicPartition partition, long offset) {
    super.seek(partition, offset);
    Long returned = returnedUpTo.remove(partition);
    if (returned != null) {
      for (ConsumerRecord<byte[], byte[]> record : log.getOrDefault(partition, List.of())) {
        if (record.offset() >= offset && record.offset() <= returned) {
          addRecord(record);
        }
      }
    }
  }

  @Override
  public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
    super.commitSync(offsets);
    commits.putAll(offsets);
  }

  @Override
  public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
    super.commitAsync(offsets, callback);
    commits.putAll(offsets);
  }
}
