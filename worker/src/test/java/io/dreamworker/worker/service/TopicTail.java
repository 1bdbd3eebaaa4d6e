package io.dreamworker.worker.service;

import static org.awaitility.Awaitility.await;

import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Every record of one topic, from its beginning, read without a consumer group (so it never
 * disturbs the workers' offsets) and kept: tests wait on what it has read so far, and see
 * duplicates too, which {@link io.dreamworker.worker.events.EventWatcher} drops. Not thread-safe:
 * use it from one thread (awaitility with {@code pollInSameThread}).
 */
final class TopicTail implements AutoCloseable {
  /** How long one read waits for new records: short, since callers poll it in a loop. */
  private static final Duration POLL = Duration.ofMillis(100);

  private static final EventCodec EVENTS = new EventCodec();

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

  private TopicTail(KafkaConsumer<byte[], byte[]> consumer) {
    this.consumer = consumer;
  }

  static TopicTail of(String bootstrapServers, String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return new TopicTail(consumer);
  }

  /** Reads what arrived since the last call and returns every record read so far. */
  List<ConsumerRecord<byte[], byte[]>> records() {
    consumer.poll(POLL).forEach(records::add);
    return List.copyOf(records);
  }

  /** Every completion event read so far, by job id, in arrival order (a redone job has several). */
  Map<String, List<CompletionEvent>> events() {
    Map<String, List<CompletionEvent>> byJob = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records()) {
      CompletionEvent event = EVENTS.decodeEvent(record.value());
      byJob.computeIfAbsent(event.data().jobId(), id -> new ArrayList<>()).add(event);
    }
    return byJob;
  }

  /** Whether every one of {@code jobIds} has an event yet. */
  boolean hasEventsFor(Collection<String> jobIds) {
    return events().keySet().containsAll(jobIds);
  }

  /** Waits until every one of {@code jobIds} has an event and returns all events read by then, by job id. */
  Map<String, List<CompletionEvent>> awaitEvents(Collection<String> jobIds) {
    await().atMost(JobJson.EVENT_TIMEOUT).pollInSameThread().pollInterval(Duration.ofMillis(50))
        .until(() -> hasEventsFor(jobIds));
    return events();
  }

  /** A record's header as text, or null when absent. */
  static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
