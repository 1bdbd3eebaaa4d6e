package io.dreamworker.worker.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dreamworker.worker.commit.DecodedMetadata;
import io.dreamworker.worker.commit.IncompleteOffsets;
import io.dreamworker.worker.commit.OffsetMetadataCodec;
import io.dreamworker.worker.delivery.CommitOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsumerLoopTest {
  private static final String TOPIC = "jobs";
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
  private static final OffsetMetadataCodec CODEC = new OffsetMetadataCodec();

  private final LogConsumer consumer = new LogConsumer();
  private final RecordingCommitter committer = new RecordingCommitter(consumer);
  /** Attempts the handler started, by "partition@offset#attempt"; the test settles them. */
  private final ConcurrentMap<String, FakeJob> started = new ConcurrentHashMap<>();
  private final List<String> startOrder = new CopyOnWriteArrayList<>();
  private final List<String> abandoned = new CopyOnWriteArrayList<>();
  private ConsumerLoop loop;

  private record FakeJob(CompletableFuture<Settlement> done, AtomicBoolean cancelled, CompletableFuture<Long> cost) {
    void succeed(ConsumerRecord<byte[], byte[]> record) {
      done.complete(publish(record));
    }
  }

  private final Map<String, ConsumerRecord<byte[], byte[]>> records = new ConcurrentHashMap<>();

  private final RecordHandler handler = new RecordHandler() {
    @Override
    public InFlightJob handle(ConsumerRecord<byte[], byte[]> record, Attempt attempt) {
      return start(record, record.partition() + "@" + record.offset() + "#" + attempt.number());
    }

    @Override
    public InFlightJob abandon(ConsumerRecord<byte[], byte[]> record, Abandonment why) {
      abandoned.add(record.partition() + "@" + record.offset() + ":" + why);
      FakeJob job = new FakeJob(CompletableFuture.completedFuture(publish(record)), new AtomicBoolean(),
          CompletableFuture.completedFuture(0L));
      return new InFlightJob(job.done(), () -> job.cancelled().set(true), job.cost());
    }

    private InFlightJob start(ConsumerRecord<byte[], byte[]> record, String id) {
      FakeJob job = new FakeJob(new CompletableFuture<>(), new AtomicBoolean(), new CompletableFuture<>());
      records.put(id, record);
      started.put(id, job);
      startOrder.add(id);
      return new InFlightJob(job.done(), () -> {
        job.cancelled().set(true);
        job.done().completeExceptionally(new CancellationException("cancelled"));
      }, job.cost());
    }
  };

  /** The one event a fake job publishes: keyed by its position. */
  private static Settlement.Publish publish(ConsumerRecord<byte[], byte[]> record) {
    return new Settlement.Publish(List.of(new ProducerRecord<>("events",
        (record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8), new byte[0])), () -> {});
  }

  @AfterEach
  void stop() {
    if (loop != null) {
      started.forEach((id, job) -> job.succeed(records.get(id)));
      loop.close();
    }
  }

  private ConsumerLoopSettings settings(int maxInFlight) {
    return ConsumerLoopSettings.defaults(List.of(TOPIC)).withMaxInFlight(maxInFlight, 1_000_000)
        .withTimes(Duration.ofMillis(5), Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  private void startLoop(ConsumerLoopSettings settings, Set<TopicPartition> partitions) {
    startLoop(settings, partitions, Map.of());
  }

  /**
   * Starts the loop on {@code partitions}, with {@code previousOwner}'s commits in place (made after
   * the subscription, which clears a mock consumer's commits).
   */
  private void startLoop(ConsumerLoopSettings settings, Set<TopicPartition> partitions,
      Map<TopicPartition, OffsetAndMetadata> previousOwner) {
    loop = new ConsumerLoop(consumer, committer, handler, settings, LoopObserver.NONE);
    consumer.schedulePollTask(() -> {
      if (!previousOwner.isEmpty()) {
        consumer.commitSync(previousOwner);
      }
      Map<TopicPartition, Long> beginning = new HashMap<>();
      partitions.forEach(p -> beginning.put(p, 0L));
      consumer.updateBeginningOffsets(beginning);
      consumer.rebalance(partitions);
    });
    loop.start();
    await().until(() -> consumer.assignment().equals(partitions));
  }

  private void startLoop(int maxInFlight, Set<TopicPartition> partitions) {
    startLoop(settings(maxInFlight), partitions);
  }

  private void addRecords(TopicPartition partition, int count) {
    consumer.schedulePollTask(() -> {
      for (int i = 0; i < count; i++) {
        long offset = consumer.logSize(partition);
        consumer.append(new ConsumerRecord<>(partition.topic(), partition.partition(), offset,
            ("k" + offset).getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8)));
      }
    });
  }

  private void succeed(String id) {
    started.get(id).succeed(records.get(id));
  }

  private Long committed(TopicPartition partition) {
    return consumer.committedPosition(partition);
  }

  private IncompleteOffsets committedAbove(TopicPartition partition) {
    return switch (CODEC.decode(consumer.committedMetadata(partition))) {
      case DecodedMetadata.Valid valid -> valid.offsets();
      case DecodedMetadata.None none -> IncompleteOffsets.NONE;
      case DecodedMetadata.Unreadable unreadable -> throw new AssertionError(unreadable.reason());
    };
  }

  @Test
  void outOfOrderCompletion_publishesAtOnceAndRecordsWhatIsDoneAboveTheLowestUnfinished() {
    startLoop(10, Set.of(P0));
    addRecords(P0, 3);
    await().until(() -> started.size() == 3);
    // Each attempt was recorded (attempt 1) before it started.
    assertThat(committed(P0)).isEqualTo(0);
    assertThat(committedAbove(P0).incomplete()).isEqualTo(new TreeMap<>(Map.of(0L, 1, 1L, 1, 2L, 1)));

    succeed("0@2#1");
    succeed("0@1#1");
    await().until(() -> committer.published().size() == 2);
    assertThat(committed(P0)).isEqualTo(0);
    assertThat(committedAbove(P0)).isEqualTo(new IncompleteOffsets(3, new TreeMap<>(Map.of(0L, 1))));
    assertThat(loop.inFlight()).isEqualTo(1);

    succeed("0@0#1");
    await().until(() -> Long.valueOf(3).equals(committed(P0)));
    assertThat(committedAbove(P0)).isEqualTo(IncompleteOffsets.NONE);
    assertThat(committer.publishedKeys()).containsExactlyInAnyOrder("0@0", "0@1", "0@2");
    assertThat(loop.inFlight()).isZero();
  }

  @Test
  void recordsStartOnlyAfterTheCommitThatRecordsTheirAttempt() {
    committer.failNext(2, new CommitOutcome.Aborted(new KafkaException("coordinator moving"), false));
    startLoop(10, Set.of(P0));
    addRecords(P0, 1);
    await().until(() -> committer.attempts() >= 3);
    await().until(() -> started.size() == 1);
    assertThat(committer.commits()).isNotEmpty();
    assertThat(committer.commits().get(0)).containsKey(P0);
  }

  @Test
  void moreRecordsThanTheBound_handsOutOnlyTheBoundAndResumesBelowItsHysteresis() {
    startLoop(4, Set.of(P0));
    addRecords(P0, 8);
    await().until(() -> started.size() == 4);
    await().pollDelay(Duration.ofMillis(50)).until(() -> consumer.paused().contains(P0));
    assertThat(started).containsOnlyKeys("0@0#1", "0@1#1", "0@2#1", "0@3#1");

    // Resumes at 3 of 4 (75%): one finished job is enough here, and then it fills up again.
    succeed("0@0#1");
    await().until(() -> started.size() == 5);
    assertThat(loop.inFlight()).isLessThanOrEqualTo(4);
    for (int i = 1; i < 8; i++) {
      String id = "0@" + i + "#1";
      await().until(() -> started.containsKey(id));
      succeed(id);
    }
    await().until(() -> Long.valueOf(8).equals(committed(P0)));
    // Records handed back with seek are handed out again exactly once, in order.
    assertThat(startOrder).containsExactly("0@0#1", "0@1#1", "0@2#1", "0@3#1", "0@4#1", "0@5#1", "0@6#1", "0@7#1");
  }

  @Test
  void costBound_pausesOnceTheKnownCostsReachIt() {
    startLoop(settings(100).withMaxInFlight(100, 100), Set.of(P0));
    addRecords(P0, 2);
    await().until(() -> started.size() == 2);
    started.get("0@0#1").cost().complete(60L);
    started.get("0@1#1").cost().complete(60L);
    await().pollDelay(Duration.ofMillis(50)).until(() -> consumer.paused().contains(P0));
    addRecords(P0, 1);
    await().pollDelay(Duration.ofMillis(100)).until(() -> true);
    assertThat(started).hasSize(2);

    succeed("0@0#1");
    await().until(() -> started.size() == 3);
  }

  @Test
  void revokedPartition_cancelsItsJobsWaitsForThemAndCommitsWhatFinished() {
    startLoop(10, Set.of(P0, P1));
    addRecords(P0, 2);
    addRecords(P1, 1);
    await().until(() -> started.size() == 3);
    succeed("0@0#1");
    await().until(() -> Long.valueOf(1).equals(committed(P0)));

    consumer.schedulePollTask(() -> consumer.rebalance(List.of(P1)));
    await().until(() -> started.get("0@1#1").cancelled().get());
    await().until(() -> consumer.assignment().equals(Set.of(P1)));
    assertThat(started.get("1@0#1").cancelled()).isFalse();
    // The cancelled attempt was released: it does not count against the record's limit.
    assertThat(committed(P0)).isEqualTo(1);
    assertThat(committedAbove(P0)).isEqualTo(new IncompleteOffsets(1, new TreeMap<>(Map.of(0L, 0))));
    assertThat(loop.inFlight()).isEqualTo(1);
  }

  @Test
  void takeover_skipsWhatTheMetadataMarksDone_andCountsTheAttemptsOfTheRest() {
    // The previous owner committed 5, with 6 and 8 done and 5 and 7 in flight (7 on its second attempt).
    startLoop(settings(10), Set.of(P0), Map.of(P0, new OffsetAndMetadata(5,
        CODEC.encode(new IncompleteOffsets(4, new TreeMap<>(Map.of(0L, 1, 2L, 2))), 4096))));
    addRecords(P0, 10);
    // 7's third attempt is its last: it runs alone, before anything else starts.
    await().until(() -> started.containsKey("0@7#3"));
    await().pollDelay(Duration.ofMillis(100)).until(() -> true);
    assertThat(startOrder).containsExactly("0@7#3");

    succeed("0@7#3");
    await().until(() -> started.size() == 3);
    assertThat(startOrder).containsExactly("0@7#3", "0@5#2", "0@9#1");
  }

  @Test
  void recordThatExhaustedItsAttemptsOnDeadWorkers_isAbandonedNotRun() {
    startLoop(settings(10), Set.of(P0), Map.of(P0, new OffsetAndMetadata(0,
        CODEC.encode(new IncompleteOffsets(1, new TreeMap<>(Map.of(0L, 3))), 4096))));
    addRecords(P0, 1);

    await().until(() -> Long.valueOf(1).equals(committed(P0)));
    assertThat(abandoned).containsExactly("0@0:WorkersLost[attempts=3]");
    assertThat(started).isEmpty();
    assertThat(committer.publishedKeys()).containsExactly("0@0");
  }

  @Test
  void retry_startsTheNextAttempt_andTheLastFailurePublishesItsFailure() {
    startLoop(settings(10).withAttempts(2, Duration.ofMinutes(1)), Set.of(P0));
    addRecords(P0, 1);
    await().until(() -> started.containsKey("0@0#1"));
    ConsumerRecord<byte[], byte[]> record = records.get("0@0#1");
    Settlement.Publish failure = new Settlement.Publish(List.of(new ProducerRecord<>("events",
        "failed".getBytes(StandardCharsets.UTF_8), new byte[0])), () -> {});
    started.get("0@0#1").done().complete(new Settlement.Retry("engine failed", failure));
    await().until(() -> started.containsKey("0@0#2"));
    assertThat(committedAbove(P0).incomplete()).containsEntry(0L, 2);

    started.get("0@0#2").done().complete(new Settlement.Retry("engine failed again", failure));
    await().until(() -> Long.valueOf(1).equals(committed(P0)));
    assertThat(committer.publishedKeys()).containsExactly("failed");
    assertThat(record.offset()).isZero();
  }

  @Test
  void lastAttempt_waitsUntilNothingElseRuns_andNothingStartsBesideIt() {
    startLoop(settings(10).withAttempts(2, Duration.ofMinutes(1)), Set.of(P0));
    addRecords(P0, 2);
    await().until(() -> started.size() == 2);
    Settlement.Publish failure = publish(records.get("0@0#1"));
    started.get("0@0#1").done().complete(new Settlement.Retry("engine failed", failure));
    addRecords(P0, 1);
    await().pollDelay(Duration.ofMillis(100)).until(() -> true);
    assertThat(started).as("0's last attempt waits for 1; 2 waits for it").hasSize(2);

    succeed("0@1#1");
    await().until(() -> started.containsKey("0@0#2"));
    await().pollDelay(Duration.ofMillis(100)).until(() -> true);
    assertThat(started).doesNotContainKey("0@2#1");
    succeed("0@0#2");
    await().until(() -> started.containsKey("0@2#1"));
  }

  @Test
  void attemptPastItsTimeout_isCancelledAndTriedAgain_thenAbandoned() {
    startLoop(settings(10).withAttempts(2, Duration.ofMillis(200)), Set.of(P0));
    addRecords(P0, 1);
    await().until(() -> started.containsKey("0@0#2"));
    assertThat(started.get("0@0#1").cancelled()).isTrue();
    await().until(() -> Long.valueOf(1).equals(committed(P0)));
    assertThat(started.get("0@0#2").cancelled()).isTrue();
    assertThat(abandoned).singleElement().asString().startsWith("0@0:TimedOut[attempts=2");
  }

  @Test
  void abortedCommit_isTriedAgainWithEverythingItHeld() {
    startLoop(10, Set.of(P0));
    addRecords(P0, 2);
    await().until(() -> started.size() == 2);
    committer.failNext(2, new CommitOutcome.Aborted(new KafkaException("not enough replicas"), false));
    succeed("0@0#1");
    succeed("0@1#1");
    await().until(() -> Long.valueOf(2).equals(committed(P0)));
    assertThat(committer.publishedKeys()).containsExactlyInAnyOrder("0@0", "0@1");
    assertThat(loop.failure()).isEmpty();
  }

  @Test
  void fatalCommit_stopsTheLoopWithoutCommittingAnythingMore() throws InterruptedException {
    startLoop(10, Set.of(P0));
    addRecords(P0, 2);
    await().until(() -> started.size() == 2);
    committer.failNext(100, new CommitOutcome.Fatal(new ProducerFencedException("a newer worker has this id")));
    succeed("0@0#1");

    assertThat(loop.awaitFinished(Duration.ofSeconds(5))).isTrue();
    assertThat(loop.failure()).get().isInstanceOf(ProducerFencedException.class);
    assertThat(committed(P0)).isZero();
    assertThat(committer.published()).isEmpty();
    assertThat(started.get("0@1#1").cancelled()).isTrue();
  }

  @Test
  void handlerDefect_stopsTheLoop() throws InterruptedException {
    startLoop(10, Set.of(P0));
    addRecords(P0, 1);
    await().until(() -> started.size() == 1);
    started.get("0@0#1").done().completeExceptionally(new NullPointerException("bug"));
    assertThat(loop.awaitFinished(Duration.ofSeconds(5))).isTrue();
    assertThat(loop.failure()).get().isInstanceOf(NullPointerException.class);
    assertThat(committer.published()).isEmpty();
  }

  @Test
  void close_drainsInFlightJobsThenCommits() throws InterruptedException {
    startLoop(10, Set.of(P0));
    addRecords(P0, 2);
    await().until(() -> started.size() == 2);
    Thread closer = new Thread(loop::close);
    closer.start();
    await().until(() -> consumer.paused().contains(P0));
    succeed("0@1#1");
    succeed("0@0#1");
    closer.join(5_000);
    assertThat(loop.isFinished()).isTrue();
    assertThat(committed(P0)).isEqualTo(2);
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void drainTimeout_cancelsWhatIsLeftAndReleasesIt() {
    startLoop(settings(10).withTimes(Duration.ofMillis(5), Duration.ZERO, Duration.ofMillis(100),
        Duration.ofSeconds(2)), Set.of(P0));
    addRecords(P0, 2);
    await().until(() -> started.size() == 2);
    succeed("0@0#1");
    await().until(() -> Long.valueOf(1).equals(committed(P0)));
    loop.close();
    assertThat(started.get("0@1#1").cancelled()).isTrue();
    assertThat(committed(P0)).isEqualTo(1);
    assertThat(committedAbove(P0)).isEqualTo(new IncompleteOffsets(1, new TreeMap<>(Map.of(0L, 0))));
  }

  @Test
  void metadataNearItsLimit_takesNoMoreRecordsThanItsCommitsCanHold_inAnyOrderOfCompletion() {
    // 96 characters, less the margin, bound a few dozen incomplete offsets: fewer than the 100 records.
    startLoop(settings(1000).withMaxMetadataChars(96), Set.of(P0));
    addRecords(P0, 100);
    await().until(() -> started.size() > 2);
    await().pollDelay(Duration.ofMillis(100)).until(() -> consumer.paused().contains(P0));
    assertThat(started.size()).isBetween(10, 60);

    // Finish out of order: each round, every other running record from the highest down.
    while (!Long.valueOf(100).equals(committed(P0))) {
      List<Long> running = started.entrySet().stream().filter(e -> !e.getValue().done().isDone())
          .map(e -> records.get(e.getKey()).offset()).sorted(java.util.Comparator.reverseOrder()).toList();
      for (int i = 0; i < running.size(); i += 2) {
        succeed("0@" + running.get(i) + "#1");
      }
      int before = started.size();
      await().pollDelay(Duration.ofMillis(20)).until(() -> started.size() > before || started.size() == 100);
      assertThat(loop.failure()).isEmpty();
    }
    await().until(() -> Long.valueOf(100).equals(committed(P0)));
    assertThat(committer.commits()).allSatisfy(commit -> assertThat(commit.get(P0).metadata()).hasSizeLessThanOrEqualTo(96));
    assertThat(loop.failure()).isEmpty();
  }
}
