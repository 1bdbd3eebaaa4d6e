package io.dreamworker.worker.events;

import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.EventCodec;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads completion events of given jobs from the events topic, for tools that submit jobs and wait
 * ({@code submit --wait}, the demo, the integration tests). Reads every partition without a group,
 * so it never disturbs other readers' offsets. Owns its consumer; not thread-safe.
 *
 * <p>Start it <em>before</em> sending the jobs ({@link #fromEnd}): it remembers the end of each
 * partition at that moment, so an event published in between is not missed.
 */
public final class EventWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventWatcher.class);
  /** Between checks of the deadline while no event arrives. */
  private static final Duration POLL = Duration.ofMillis(200);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final EventCodec codec;

  private EventWatcher(KafkaConsumer<byte[], byte[]> consumer, EventCodec codec) {
    this.consumer = consumer;
    this.codec = codec;
  }

  /** Watches events published from now on. */
  public static EventWatcher fromEnd(KafkaConsumer<byte[], byte[]> consumer, EventCodec codec, String topic) {
    EventWatcher watcher = new EventWatcher(Objects.requireNonNull(consumer, "consumer"), codec);
    List<TopicPartition> partitions = watcher.partitions(topic);
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // Resolve the end now, not lazily at the first poll.
    return watcher;
  }

  /** Watches every event still on the topic, then new ones. */
  public static EventWatcher fromBeginning(KafkaConsumer<byte[], byte[]> consumer, EventCodec codec, String topic) {
    EventWatcher watcher = new EventWatcher(Objects.requireNonNull(consumer, "consumer"), codec);
    List<TopicPartition> partitions = watcher.partitions(topic);
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return watcher;
  }

  /**
   * Waits for one event of each job, in arrival order; a later event of a job already seen (a redone
   * job) is ignored.
   *
   * @param onEvent told of each event as it arrives
   * @throws TimeoutException naming the jobs still without an event
   */
  public Map<String, CompletionEvent> await(Collection<String> jobIds, Duration timeout,
      Consumer<CompletionEvent> onEvent) throws TimeoutException {
    return await(jobIds, timeout, onEvent, Optional::empty);
  }

  /**
   * As {@link #await(Collection, Duration, Consumer)}, giving up early when {@code giveUp} returns a
   * reason (such as the worker having stopped), checked between polls.
   *
   * @throws IllegalStateException with that reason
   */
  public Map<String, CompletionEvent> await(Collection<String> jobIds, Duration timeout,
      Consumer<CompletionEvent> onEvent, Supplier<Optional<String>> giveUp) throws TimeoutException {
    Set<String> wanted = Set.copyOf(jobIds);
    Map<String, CompletionEvent> events = new LinkedHashMap<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (events.size() < wanted.size()) {
      Optional<String> reason = giveUp.get();
      if (reason.isPresent()) {
        throw new IllegalStateException(reason.get() + "; still without an event: "
            + wanted.stream().filter(id -> !events.containsKey(id)).sorted().toList());
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("no completion event within " + timeout + " for "
            + wanted.stream().filter(id -> !events.containsKey(id)).sorted().toList());
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
        CompletionEvent event;
        try {
          event = codec.decodeEvent(record.value());
        } catch (RuntimeException e) {
          log.warn("skipping a record on {} that is not a completion event: {}", record.topic(), e.getMessage());
          continue;
        }
        String jobId = event.data().jobId();
        if (wanted.contains(jobId) && !events.containsKey(jobId)) {
          events.put(jobId, event);
          onEvent.accept(event);
        }
      }
    }
    return events;
  }

  private List<TopicPartition> partitions(String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      throw new IllegalArgumentException("the events topic '" + topic + "' does not exist on the brokers");
    }
    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
