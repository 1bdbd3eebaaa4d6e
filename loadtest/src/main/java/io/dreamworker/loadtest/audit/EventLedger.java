package io.dreamworker.loadtest.audit;

import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.EventCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every completion event of one topic, read from its beginning by a thread of its own, without a
 * consumer group, kept by job id with the time each arrived: what a {@code read_committed} reader
 * of the events topic sees (or, for comparison, a {@code read_uncommitted} one, which also sees the
 * events of aborted transactions).
 *
 * <p>Thread-safe: the reader thread adds, any thread reads copies.
 */
public final class EventLedger implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventLedger.class);
  private static final Duration POLL = Duration.ofMillis(100);

  /** One event as it arrived. */
  public record Arrival(CompletionEvent event, Instant arrived, int partition, long offset) {}

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final EventCodec codec = new EventCodec();
  private final Map<String, List<Arrival>> byJob = new HashMap<>();
  private final Consumer<Arrival> listener;
  private final Thread thread;
  private long records;
  private volatile boolean closed;
  private volatile boolean caughtUp;

  private EventLedger(KafkaConsumer<byte[], byte[]> consumer, Consumer<Arrival> listener) {
    this.consumer = consumer;
    this.listener = listener;
    this.thread = Thread.ofPlatform().daemon().name("event-ledger").unstarted(this::read);
  }

  /**
   * Starts reading {@code topic} from its beginning.
   *
   * @param committedOnly {@code read_committed} (as the events' consumers read) or not
   * @param listener told of each event as it arrives, on the reader's thread
   */
  public static EventLedger start(String bootstrapServers, String topic, boolean committedOnly,
      Consumer<Arrival> listener) {
    return start(bootstrapServers, Map.of(), topic, committedOnly, listener);
  }

  /** As above, with the cluster's client properties (security settings). */
  public static EventLedger start(String bootstrapServers, Map<String, String> clientProperties, String topic,
      boolean committedOnly, Consumer<Arrival> listener) {
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "event-ledger-" + (committedOnly ? "committed" : "uncommitted"));
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    EventLedger ledger = new EventLedger(consumer, listener);
    ledger.thread.start();
    return ledger;
  }

  /** Starts a {@code read_committed} reader with no listener. */
  public static EventLedger start(String bootstrapServers, String topic) {
    return start(bootstrapServers, topic, true, arrival -> {});
  }

  private void read() {
    try {
      while (!closed) {
        var polled = consumer.poll(POLL);
        for (ConsumerRecord<byte[], byte[]> record : polled) {
          Arrival arrival;
          synchronized (this) {
            records++;
            CompletionEvent event;
            try {
              event = codec.decodeEvent(record.value());
            } catch (RuntimeException e) {
              log.warn("an undecodable record at {}@{}: {}", record.partition(), record.offset(), e.getMessage());
              continue;
            }
            arrival = new Arrival(event, Instant.now(), record.partition(), record.offset());
            byJob.computeIfAbsent(event.data().jobId(), id -> new ArrayList<>()).add(arrival);
          }
          listener.accept(arrival);
        }
        if (polled.isEmpty()) {
          Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
          caughtUp = ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
        }
      }
    } catch (WakeupException e) {
      // close() ends a poll this way.
    } finally {
      consumer.close();
    }
  }

  /** Every event read so far, by job id, in arrival order. */
  public synchronized Map<String, List<Arrival>> snapshot() {
    Map<String, List<Arrival>> copy = new HashMap<>();
    byJob.forEach((id, list) -> copy.put(id, List.copyOf(list)));
    return copy;
  }

  /** How many of {@code jobIds} have at least one event yet. */
  public synchronized int countDone(Collection<String> jobIds) {
    int done = 0;
    for (String id : jobIds) {
      if (byJob.containsKey(id)) {
        done++;
      }
    }
    return done;
  }

  /** Waits until every one of {@code jobIds} has an event, or the timeout passes; true if they all did. */
  public boolean awaitAll(Set<String> jobIds, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (countDone(jobIds) < jobIds.size()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(100);
    }
    return true;
  }

  /** Waits until the reader has reached the end of the topic; true if it did within the timeout. */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    caughtUp = false;
    while (!caughtUp) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  /** Event records read, the undecodable ones included. */
  public synchronized long records() {
    return records;
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
