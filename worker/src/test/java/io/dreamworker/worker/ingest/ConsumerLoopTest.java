package io.dreamworker.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsumerLoopTest {
  private static final String TOPIC = "jobs";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

  private final LogConsumer consumer = new LogConsumer();
  /** Jobs the handler started, by "partition@offset"; the test settles them. */
  private final ConcurrentMap<String, FakeJob> started = new ConcurrentHashMap<>();
  private final List<String> startOrder = new CopyOnWriteArrayList<>();
  private ConsumerLoop loop;

  private record FakeJob(CompletableFuture<Void> done, AtomicBoolean cancelled) {}

  private final RecordHandler handler = record -> {
    String id = record.partition() + "@" + record.offset();
    FakeJob job = new FakeJob(new CompletableFuture<>(), new AtomicBoolean());
    started.put(id, job);
    startOrder.add(id);
    return new InFlightJob(job.done(), () -> job.cancelled().set(true));
  };

  @AfterEach
  void stop() {
    if (loop != null) {
      started.values().forEach(job -> job.done().complete(null));
      loop.close();
    }
  }

  private void startLoop(int maxInFlight, Set<TopicPartition> partitions) {
    loop = new ConsumerLoop(consumer, handler,
        new ConsumerLoopSettings(List.of(TOPIC), maxInFlight, Duration.ofMillis(5), Duration.ofSeconds(2)),
        LoopObserver.NONE);
    consumer.schedulePollTask(() -> {
      Map<TopicPartition, Long> beginning = new java.util.HashMap<>();
      partitions.forEach(p -> beginning.put(p, 0L));
      consumer.updateBeginningOffsets(beginning);
      consumer.rebalance(partitions);
    });
    loop.start();
    await().until(() -> consumer.assignment().equals(partitions));
  }

  private void addRecords(TopicPartition partition, int count) {
    consumer.schedulePollTask(() -> {
      long next = 0;
      for (int i = 0; i < count; i++) {
        consumer.append(new ConsumerRecord<>(partition.topic(), partition.partition(), next++,
            ("k" + i).getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8)));
      }
    });
  }

  private Long committed(TopicPartition partition) {
    return consumer.committedPosition(partition);
  }

  @Test
  void outOfOrderCompletion_commitsOnlyBelowTheLowestUnfinishedOffset() {
    startLoop(10, Set.of(P0));
    addRecords(P0, 3);
    await().until(() -> started.size() == 3);

    started.get("0@2").done().complete(null);
    started.get("0@1").done().complete(null);
    await().pollDelay(Duration.ofMillis(50)).until(() -> loop.inFlight() == 1);
    assertThat(committed(P0)).isNull();

    started.get("0@0").done().complete(null);
    await().until(() -> Long.valueOf(3).equals(committed(P0)));
    assertThat(loop.inFlight()).isZero();
  }

  @Test
  void moreRecordsThanTheBound_handsOutOnlyTheBoundAndResumesAsJobsSettle() {
    startLoop(2, Set.of(P0));
    addRecords(P0, 5);
    await().until(() -> started.size() == 2);
    await().pollDelay(Duration.ofMillis(50)).until(() -> consumer.paused().contains(P0));
    assertThat(started).containsOnlyKeys("0@0", "0@1");

    started.get("0@0").done().complete(null);
    await().until(() -> started.size() == 3);
    assertThat(loop.inFlight()).isLessThanOrEqualTo(2);
    started.get("0@1").done().complete(null);
    started.get("0@2").done().complete(null);
    await().until(() -> started.size() == 5);
    started.values().forEach(job -> job.done().complete(null));
    await().until(() -> Long.valueOf(5).equals(committed(P0)));
    // Records handed back with seek are handed out again exactly once, in order.
    assertThat(startOrder).containsExactly("0@0", "0@1", "0@2", "0@3", "0@4");
  }

  @Test
  void revokedPartition_commitsWhatSettledAndCancelsTheRest() {
    startLoop(10, Set.of(P0, P1));
    addRecords(P0, 2);
    addRecords(P1, 1);
    await().until(() -> started.size() == 3);
    started.get("0@0").done().complete(null);
    await().until(() -> Long.valueOf(1).equals(committed(P0)));

    consumer.schedulePollTask(() -> consumer.rebalance(List.of(P1)));
    await().until(() -> started.get("0@1").cancelled().get());
    assertThat(started.get("1@0").cancelled()).isFalse();
    assertThat(loop.inFlight()).isEqualTo(1);
    // A completion for the revoked partition after the fact changes nothing.
    started.get("0@1").done().complete(null);
    await().pollDelay(Duration.ofMillis(50)).until(() -> true);
    assertThat(committed(P0)).isEqualTo(1);
  }

  @Test
  void publishFailure_stopsTheLoopWithoutCommittingThatRecord() throws InterruptedException {
    startLoop(10, Set.of(P0));
    addRecords(P0, 2);
    await().until(() -> started.size() == 2);
    started.get("0@0").done().completeExceptionally(new KafkaException("broker unreachable"));
    started.get("0@1").done().complete(null);

    assertThat(loop.awaitFinished(Duration.ofSeconds(5))).isTrue();
    assertThat(loop.failure()).get().isInstanceOf(KafkaException.class);
    assertThat(committed(P0)).isNull();
  }

  @Test
  void close_drainsInFlightJobsThenCommits() throws InterruptedException {
    startLoop(10, Set.of(P0));
    addRecords(P0, 2);
    await().until(() -> started.size() == 2);
    Thread closer = new Thread(loop::close);
    closer.start();
    await().until(() -> consumer.paused().contains(P0));
    started.get("0@1").done().complete(null);
    started.get("0@0").done().complete(null);
    closer.join(5_000);
    assertThat(loop.isFinished()).isTrue();
    assertThat(committed(P0)).isEqualTo(2);
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void drainTimeout_cancelsWhatIsLeftAndCommitsBelowIt() {
    loop = new ConsumerLoop(consumer, handler,
        new ConsumerLoopSettings(List.of(TOPIC), 10, Duration.ofMillis(5), Duration.ofMillis(100)),
        LoopObserver.NONE);
    consumer.schedulePollTask(() -> {
      consumer.updateBeginningOffsets(Map.of(P0, 0L));
      consumer.rebalance(Set.of(P0));
    });
    loop.start();
    addRecords(P0, 2);
    await().until(() -> started.size() == 2);
    started.get("0@0").done().complete(null);
    await().until(() -> Long.valueOf(1).equals(committed(P0)));
    loop.close();
    assertThat(started.get("0@1").cancelled()).isTrue();
    assertThat(committed(P0)).isEqualTo(1);
  }
}
