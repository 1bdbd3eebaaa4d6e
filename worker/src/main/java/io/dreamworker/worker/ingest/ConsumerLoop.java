package io.dreamworker.worker.ingest;

import io.dreamworker.worker.commit.CommitPoint;
import io.dreamworker.worker.commit.DecodedMetadata;
import io.dreamworker.worker.commit.IncompleteOffsets;
import io.dreamworker.worker.commit.OffsetMetadataCodec;
import io.dreamworker.worker.commit.OffsetMetadataTooLargeException;
import io.dreamworker.worker.commit.PartitionProgress;
import io.dreamworker.worker.delivery.CommitOutcome;
import io.dreamworker.worker.delivery.Committer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's Kafka consumer: polls job records, hands each to a {@link RecordHandler}, and
 * commits their outcomes with the offsets they settle, out of order.
 *
 * <h2>Threads</h2>
 * One thread, started by {@link #start()}, owns the consumer, the committer and every field of the
 * first group below; the rebalance listener runs on it too (inside {@code poll}). Job threads only
 * add to {@link #settled} and read the counters.
 *
 * <h2>A turn</h2>
 * Each turn of the loop applies what settled since the last one (a job's records to publish, a
 * retry, a cancellation), cancels attempts past their timeout, commits when a commit is due, pauses
 * or resumes partitions, and polls. The loop never waits on a job, so it polls well within
 * {@code max.poll.interval.ms} however slow the model is.
 *
 * <h2>Commits</h2>
 * One commit ({@link Committer}: one Kafka transaction in the exactly-once mode) holds the records
 * of every job that settled since the last one and, for every owned partition whose state changed,
 * its position and metadata ({@link PartitionProgress}): the lowest incomplete offset, and above it
 * which offsets are done and how many attempts the others have had. A job's event therefore becomes
 * visible together with the offset that says it is done, and never without it. Commits happen at
 * most once per {@code commitInterval}, so their number is bounded whatever the job rate.
 *
 * <p>A record is recorded as in flight, with its attempt number, in a commit <em>before</em> it
 * starts. So a worker that dies running it has used that attempt, and a record that crashes every
 * worker that runs it fails after {@code maxAttempts} instead of crashing the fleet forever. Records
 * fetched but not started yet are not recorded, so a crash does not count against them.
 *
 * <h2>Last attempts run alone</h2>
 * A record's last attempt starts only when nothing else runs on this worker, and nothing else
 * starts until it ends. A worker that dies (or an engine batch that fails) then has one suspect
 * only, so a record is given up for crashes and failures it alone was running for, never for a
 * poison job it happened to run beside.
 *
 * <h2>Flow control</h2>
 * Records handed out are bounded by count and by estimated cost ({@link InFlightBudget}, with
 * hysteresis). When a poll returns more than there is room for, the rest of each partition is handed
 * back with {@code seek} and every partition is paused until the budget has room again. A partition
 * whose commit metadata would no longer fit the broker's limit is paused alone until its lowest
 * records finish. Polling goes on while paused, which keeps the group membership alive.
 *
 * <h2>Rebalances</h2>
 * On revocation the loop cancels the partitions' running jobs and waits (up to
 * {@code cancelTimeout}) for them to stop, so that no late upload lands after the next owner's;
 * then it commits everything that settled, jobs of the revoked partitions included, with the
 * cancelled ones released (their attempt does not count), and forgets the partitions. On loss (the
 * group moved on without us) nothing is committed: the commit would be refused anyway. On
 * assignment each partition resumes from its committed position and metadata: records the metadata
 * marks done are skipped.
 *
 * <h2>Failure</h2>
 * A commit that is aborted is tried again after a backoff. A committer that cannot go on (fenced by
 * a newer instance, unauthorized), too many aborts in a row, or a handler that breaks its contract
 * stop the loop without committing anything more; {@link #failure()} tells why, so that the process
 * exits and is restarted, and the uncommitted records are redone.
 */
public final class ConsumerLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);

  /** Aborted commits in a row after which the loop gives up (each may have waited seconds). */
  static final int MAX_CONSECUTIVE_ABORTS = 8;
  /** The longest wait between two tries of an aborted commit. */
  static final Duration MAX_COMMIT_BACKOFF = Duration.ofSeconds(5);
  /** Metadata characters kept free below the limit: a margin on the codec's bound, never needed by it. */
  static final int METADATA_HEADROOM_CHARS = 16;
  /** Weight of the newest job in the running mean cost that stands in for costs not yet known. */
  private static final double COST_MEAN_WEIGHT = 0.1;

  // Owned by the loop thread.
  private final Consumer<byte[], byte[]> consumer;
  private final Committer committer;
  private final Map<TopicPartition, Owned> owned = new HashMap<>();
  private final Set<TopicPartition> paused = new HashSet<>();
  private final InFlightBudget budget;
  private final OffsetMetadataCodec metadataCodec = new OffsetMetadataCodec();
  private long nextCommitNanos = System.nanoTime();
  private int consecutiveAborts;
  private double meanCost;
  /** While partitions are being left: stopped attempts are not put back among the pending records. */
  private boolean leaving;

  // Written by job threads, drained by the loop thread.
  private final LinkedBlockingQueue<Settled> settled = new LinkedBlockingQueue<>();

  // Read by any thread.
  private final AtomicInteger inFlight = new AtomicInteger();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopping;
  private volatile Throwable failure;

  private final RecordHandler handler;
  private final ConsumerLoopSettings settings;
  private final LoopObserver observer;
  private final Thread thread;

  /** What an attempt settled with, for the assignment and the attempt it was started under. */
  private record Settled(Owned owner, Running run, Settlement settlement, Throwable error) {}

  /**
   * A fetched record not started yet, counted in the budget at {@code cost}.
   *
   * @param timedOut why its last attempt ended, when it timed out (it is given up as timed out)
   */
  private record Pending(ConsumerRecord<byte[], byte[]> record, long cost, Abandonment.TimedOut timedOut) {}

  /** A record started in the progress, waiting for the commit that records it to run. */
  private record Ready(Pending pending, Start start) {}

  /** What to start for a record: an attempt, or the failure of one that gets none. */
  private sealed interface Start {}

  private record RunAttempt(Attempt attempt) implements Start {}

  private record GiveUp(Abandonment why) implements Start {}

  /** A started attempt (or abandonment). Identity tells a current one from a cancelled one. */
  private static final class Running {
    final ConsumerRecord<byte[], byte[]> record;
    final Start start;
    final InFlightJob job;
    final long startedNanos;
    /** Whether nothing else may run beside it: a last attempt. */
    final boolean alone;
    long countedCost;
    boolean costKnown;

    Running(ConsumerRecord<byte[], byte[]> record, Start start, InFlightJob job, long startedNanos, long countedCost,
        boolean alone) {
      this.record = record;
      this.start = start;
      this.job = job;
      this.startedNanos = startedNanos;
      this.countedCost = countedCost;
      this.alone = alone;
    }
  }

  /** One assignment of one partition: made when assigned, dropped when revoked or lost. */
  private static final class Owned {
    final TopicPartition partition;
    final PartitionProgress progress;
    final Map<Long, Running> running = new HashMap<>();
    /** Fetched and not started, in offset order. */
    final TreeMap<Long, Pending> pending = new TreeMap<>();
    /** Started in the progress since the last commit, to run once it succeeds. */
    final List<Ready> ready = new ArrayList<>();
    /** Settled records' publications, waiting for the next commit, by offset. */
    final TreeMap<Long, Settlement.Publish> toPublish = new TreeMap<>();
    /**
     * The cost each of them is still counted at: a job is in flight until its event is committed,
     * so that {@code maxInFlight} bounds what waits for the commit too.
     */
    final Map<Long, Long> toPublishCost = new HashMap<>();
    boolean metadataFull;
    /** Whether the metadata being full was logged as a warning: once per assignment, then at debug. */
    boolean metadataFullWarned;

    Owned(TopicPartition partition, PartitionProgress progress) {
      this.partition = partition;
      this.progress = progress;
    }

    /** Whether this worker has the record at {@code offset} in hand already, in any state. */
    boolean holds(long offset) {
      return pending.containsKey(offset) || running.containsKey(offset) || toPublish.containsKey(offset)
          || ready.stream().anyMatch(r -> r.pending().record().offset() == offset);
    }

    int unsettled() {
      return pending.size() + ready.size() + running.size() + toPublish.size();
    }
  }

  public ConsumerLoop(Consumer<byte[], byte[]> consumer, Committer committer, RecordHandler handler,
      ConsumerLoopSettings settings, LoopObserver observer) {
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.committer = Objects.requireNonNull(committer, "committer");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.budget = new InFlightBudget(settings.maxInFlight(), settings.maxInFlightCost(), settings.resumeFraction());
    this.thread = new Thread(this::run, "dreamworker-consumer");
  }

  /** Subscribes and starts polling on the loop's own thread. */
  public void start() {
    thread.start();
  }

  /** Records between poll and committed completion event. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Why the loop stopped on its own, if it did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  /** Whether the loop has stopped (after {@link #close()} or a failure). */
  public boolean isFinished() {
    return finished.getCount() == 0;
  }

  /** Waits for the loop to stop; true if it did within the timeout. */
  public boolean awaitFinished(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Stops fetching, lets in-flight jobs finish for up to the drain timeout, commits, and leaves the
   * group. Blocks until done.
   */
  @Override
  public void close() {
    stopping = true;
    consumer.wakeup();
    if (Thread.currentThread() != thread && thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    try {
      consumer.subscribe(settings.topics(), new Rebalance());
      while (!stopping) {
        turn(true);
      }
      if (failure == null) {
        drain();
      }
    } catch (Throwable t) {
      if (!(t instanceof WakeupException && stopping)) {
        log.error("consumer loop failed; in-flight jobs are cancelled and their records redone after restart", t);
        fail(t);
      }
    } finally {
      cancelAll();
      try {
        consumer.close();
      } catch (RuntimeException e) {
        log.warn("closing the consumer failed", e);
      }
      committer.close();
      finished.countDown();
    }
  }

  /** One turn: settle, expire, commit if due, pause or resume, poll, receive. */
  private void turn(boolean fetch) {
    applySettled();
    expireAttempts();
    reweighCosts();
    if (failure != null) {
      return;
    }
    commit(false);
    if (failure != null) {
      return;
    }
    adjustPause(fetch);
    ConsumerRecords<byte[], byte[]> records;
    try {
      records = consumer.poll(pollTimeout());
    } catch (WakeupException e) {
      // close() interrupts a poll so that shutdown starts at once; the flag ends the loop.
      return;
    }
    receive(records);
    countInFlight();
    observer.turn(inFlight.get(), budget.cost(), paused.size(), lag());
  }

  /** Publishes the number of records between fetch and committed event, for other threads. */
  private void countInFlight() {
    inFlight.set(owned.values().stream().mapToInt(Owned::unsettled).sum());
  }

  /** The poll's timeout: up to the next commit when one is waiting, else the configured one. */
  private Duration pollTimeout() {
    boolean waiting = owned.values().stream().anyMatch(o -> !o.pending.isEmpty() || !o.toPublish.isEmpty());
    if (!waiting) {
      return settings.pollTimeout();
    }
    long untilCommit = Math.max(0, nextCommitNanos - System.nanoTime());
    return Duration.ofNanos(Math.min(untilCommit, settings.pollTimeout().toNanos()));
  }

  // ---- receiving

  private void receive(ConsumerRecords<byte[], byte[]> records) {
    for (TopicPartition partition : records.partitions()) {
      Owned owner = owned.get(partition);
      if (owner == null) {
        continue;
      }
      for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
        if (owner.progress.isDone(record.offset())) {
          observer.skippedDone(owner.partition);
          log.debug("skipping {}@{}: done already", owner.partition, record.offset());
          continue;
        }
        if (owner.holds(record.offset())) {
          continue; // Fetched again (after a seek back) while this worker has it already.
        }
        if (stopping || !budget.hasRoom() || owner.metadataFull) {
          // No room (or shutting down, or this partition's metadata is full): hand the rest back; the
          // partition is paused next turn, and a full one does not fill the budget meanwhile.
          consumer.seek(partition, record.offset());
          break;
        }
        long cost = provisionalCost();
        budget.add(cost);
        owner.pending.put(record.offset(), new Pending(record, cost, null));
      }
    }
  }

  /**
   * Chooses the pending records to start with the next commit, and records their attempts in the
   * progress: in offset order per partition, while the metadata fits; a last attempt alone.
   */
  private void selectStarts() {
    if (stopping || owned.values().stream().anyMatch(o -> o.running.values().stream().anyMatch(r -> r.alone))) {
      return;
    }
    Optional<Owned> alone = owned.values().stream().filter(o -> o.pending.values().stream()
        .anyMatch(p -> isLastAttempt(o.progress, p.record().offset()))).findFirst();
    if (alone.isPresent()) {
      // Drain to idle, then run it by itself.
      boolean idle = owned.values().stream().allMatch(o -> o.running.isEmpty() && o.ready.isEmpty());
      if (idle) {
        Owned owner = alone.get();
        Pending last = owner.pending.values().stream()
            .filter(p -> isLastAttempt(owner.progress, p.record().offset())).findFirst().orElseThrow();
        log.info("{}@{} starts its last attempt, alone on this worker", owner.partition, last.record().offset());
        select(owner, last);
      }
      return;
    }
    for (Owned owner : owned.values()) {
      for (Pending pending : List.copyOf(owner.pending.values())) {
        if (!fits(owner.progress.commitPointWith(pending.record().offset()))) {
          metadataFull(owner);
          break;
        }
        select(owner, pending);
      }
    }
  }

  private boolean isLastAttempt(PartitionProgress progress, long offset) {
    int next = progress.nextAttempt(offset);
    return progress.maxAttempts() > 1 && next == progress.maxAttempts();
  }

  /** Starts {@code pending} in the progress; it runs once the next commit has recorded it. */
  private void select(Owned owner, Pending pending) {
    long offset = pending.record().offset();
    owner.pending.remove(offset);
    Start start = switch (owner.progress.start(offset)) {
      case PartitionProgress.Admission.Run run -> new RunAttempt(new Attempt(run.attempt(), settings.maxAttempts()));
      case PartitionProgress.Admission.Exhausted exhausted -> {
        Abandonment why = pending.timedOut() != null ? pending.timedOut()
            : new Abandonment.WorkersLost(exhausted.attempts());
        if (why instanceof Abandonment.WorkersLost) {
          log.warn("{}@{} was in flight on {} workers that stopped before finishing it; it is not run again",
              owner.partition, offset, exhausted.attempts());
          observer.abandoned("workers_lost");
        }
        yield new GiveUp(why);
      }
      case PartitionProgress.Admission.AlreadyDone done -> null;
    };
    if (start == null) {
      budget.remove(pending.cost());
      return;
    }
    owner.ready.add(new Ready(pending, start));
  }

  private void metadataFull(Owned owner) {
    if (!owner.metadataFull) {
      observer.metadataFull(owner.partition);
      var entry = owner.metadataFullWarned ? log.atDebug() : log.atWarn();
      owner.metadataFullWarned = true;
      entry.log("{} starts no new records until its lowest ones finish: its commit metadata ({} incomplete offsets)"
          + " would not fit the broker's limit of {} characters (kafka.offset-metadata-max-bytes)",
          owner.partition, owner.progress.incompleteCount(), settings.maxMetadataChars());
    }
    owner.metadataFull = true;
  }

  /**
   * Whether the commit metadata of {@code point}, and of every state its records can reach by
   * finishing, fits the broker's limit: checked with the codec's bound, since the smallest encoding
   * itself can grow as records finish out of order.
   */
  private boolean fits(CommitPoint point) {
    return metadataCodec.lengthBound(point.above()) <= settings.maxMetadataChars() - METADATA_HEADROOM_CHARS;
  }

  private long provisionalCost() {
    return Math.round(meanCost);
  }

  // ---- settling

  private void applySettled() {
    Settled s;
    while ((s = settled.poll()) != null) {
      apply(s);
    }
  }

  private void apply(Settled s) {
    Owned owner = s.owner();
    long offset = s.run().record.offset();
    if (owned.get(owner.partition) != owner || owner.running.get(offset) != s.run()) {
      return; // Cancelled and forgotten already (revoked, timed out, lost).
    }
    owner.running.remove(offset);
    Throwable error = unwrap(s.error());
    if (error == null) {
      switch (s.settlement()) {
        case Settlement.Publish publish -> settle(owner, s.run(), publish);
        case Settlement.Retry retry -> retryOrGiveUp(owner, s.run(), retry);
      }
    } else if (error instanceof CancellationException) {
      // Cancelled from outside the loop (the engine closing at shutdown): left for the next start.
      owner.progress.released(offset);
      requeue(owner, s.run(), null);
    } else {
      log.error("the handler failed on {}@{} instead of settling it; stopping without committing it",
          owner.partition, offset, error);
      budget.remove(s.run().countedCost);
      fail(error);
    }
  }

  private void settle(Owned owner, Running run, Settlement.Publish publish) {
    owner.progress.completed(run.record.offset());
    owner.toPublish.put(run.record.offset(), publish);
    owner.toPublishCost.put(run.record.offset(), run.countedCost);
  }

  private void retryOrGiveUp(Owned owner, Running run, Settlement.Retry retry) {
    long offset = run.record.offset();
    if (run.start instanceof RunAttempt attempt && !attempt.attempt().isLast()) {
      log.warn("{}@{} failed attempt {} of {} ({}); it is tried again", owner.partition, offset,
          attempt.attempt().number(), settings.maxAttempts(), retry.reason());
      observer.retried(owner.partition);
      owner.progress.failed(offset);
      requeue(owner, run, null);
    } else {
      settle(owner, run, retry.ifExhausted());
    }
  }

  /** Puts a stopped attempt's record back among the pending ones, at the cost it was counted at. */
  private void requeue(Owned owner, Running run, Abandonment.TimedOut timedOut) {
    if (stopping || leaving) {
      budget.remove(run.countedCost);
      return;
    }
    owner.pending.put(run.record.offset(), new Pending(run.record, run.countedCost, timedOut));
  }

  /** Cancels attempts past their timeout; each is tried again, or fails when it was the last. */
  private void expireAttempts() {
    long now = System.nanoTime();
    long timeout = settings.attemptTimeout().toNanos();
    for (Owned owner : owned.values()) {
      List<Running> expired = owner.running.values().stream()
          .filter(r -> r.start instanceof RunAttempt && now - r.startedNanos > timeout).toList();
      for (Running run : expired) {
        long offset = run.record.offset();
        Attempt attempt = ((RunAttempt) run.start).attempt();
        run.job.cancel().run();
        owner.running.remove(offset);
        owner.progress.failed(offset);
        if (attempt.isLast()) {
          log.warn("{}@{} ran longer than {} on its last attempt ({}); it fails", owner.partition, offset,
              settings.attemptTimeout(), attempt.number());
          observer.abandoned("timed_out");
          requeue(owner, run, new Abandonment.TimedOut(attempt.number(), settings.attemptTimeout()));
        } else {
          log.warn("{}@{} ran longer than {} on attempt {}; cancelled, it is tried again", owner.partition, offset,
              settings.attemptTimeout(), attempt.number());
          observer.retried(owner.partition);
          requeue(owner, run, null);
        }
      }
    }
  }

  /** Counts each started attempt at its real cost once it is known. */
  private void reweighCosts() {
    for (Owned owner : owned.values()) {
      for (Running run : owner.running.values()) {
        if (!run.costKnown && run.job.cost().isDone() && !run.job.cost().isCompletedExceptionally()) {
          long cost = Math.max(0, run.job.cost().join());
          budget.reweigh(run.countedCost, cost);
          run.countedCost = cost;
          run.costKnown = true;
          meanCost = meanCost == 0 ? cost : (1 - COST_MEAN_WEIGHT) * meanCost + COST_MEAN_WEIGHT * cost;
        }
      }
    }
  }

  // ---- committing

  /**
   * Commits every settled record's publication and every changed partition's position and
   * metadata, then starts the records whose attempts it recorded. Unless {@code now}, only when the
   * commit interval (or the backoff after an abort) has passed.
   */
  private void commit(boolean now) {
    if (!now && System.nanoTime() - nextCommitNanos < 0) {
      return;
    }
    selectStarts();
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    List<Settlement.Publish> published = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    Map<Owned, CommitPoint> points = new HashMap<>();
    List<Owned> starting = new ArrayList<>();
    for (Owned owner : owned.values()) {
      CommitPoint point = owner.progress.commitPoint();
      if (!point.equals(owner.progress.committed())) {
        String metadata;
        try {
          metadata = metadataCodec.encode(point.above(), settings.maxMetadataChars());
        } catch (OffsetMetadataTooLargeException e) {
          // Admission keeps the metadata under the limit; reaching it is a defect, not an input.
          throw new IllegalStateException("the commit metadata of " + owner.partition + " outgrew its limit", e);
        }
        offsets.put(owner.partition, new OffsetAndMetadata(point.position(), metadata));
        points.put(owner, point);
      }
      for (Settlement.Publish publish : owner.toPublish.values()) {
        records.addAll(publish.records());
        published.add(publish);
      }
      if (!owner.ready.isEmpty()) {
        starting.add(owner);
      }
    }
    if (records.isEmpty() && offsets.isEmpty()) {
      nextCommitNanos = System.nanoTime() + settings.commitInterval().toNanos();
      startReady(starting);
      return;
    }
    long start = System.nanoTime();
    CommitOutcome outcome = committer.commit(records, offsets, consumer.groupMetadata());
    long took = System.nanoTime() - start;
    switch (outcome) {
      case CommitOutcome.Committed committed -> {
        consecutiveAborts = 0;
        nextCommitNanos = System.nanoTime() + settings.commitInterval().toNanos();
        points.forEach((owner, point) -> owner.progress.markCommitted(point));
        for (Owned owner : owned.values()) {
          owner.toPublishCost.values().forEach(budget::remove);
          owner.toPublishCost.clear();
          owner.toPublish.clear();
        }
        published.forEach(p -> p.onCommitted().run());
        observer.committed(records.size(), Duration.ofNanos(took));
        startReady(starting);
      }
      case CommitOutcome.Aborted aborted -> {
        observer.commitAborted(aborted.cause(), aborted.rebalanced());
        if (aborted.rebalanced()) {
          log.info("a commit was refused because the group is rebalancing; the next poll reassigns partitions");
          nextCommitNanos = System.nanoTime();
          return;
        }
        consecutiveAborts++;
        long backoff = Math.min(MAX_COMMIT_BACKOFF.toNanos(),
            Math.max(settings.commitInterval().toNanos(), 1_000_000L) << Math.min(consecutiveAborts, 20));
        nextCommitNanos = System.nanoTime() + backoff;
        log.warn("a commit of {} records and the offsets of {} partitions failed ({} in a row); nothing of it counts,"
            + " it is tried again in {} ms", records.size(), offsets.size(), consecutiveAborts, backoff / 1_000_000,
            aborted.cause());
        if (consecutiveAborts >= MAX_CONSECUTIVE_ABORTS) {
          fail(new IllegalStateException(consecutiveAborts + " commits in a row failed; the last: "
              + aborted.cause().getMessage(), aborted.cause()));
        }
      }
      case CommitOutcome.Fatal fatal -> {
        log.error("committing failed for good; stopping, and the uncommitted records are redone", fatal.cause());
        fail(fatal.cause());
      }
    }
  }

  /** Starts the ready records of {@code owners}, whose attempts the last commit recorded. */
  private void startReady(List<Owned> owners) {
    for (Owned owner : owners) {
      List<Ready> batch = new ArrayList<>(owner.ready);
      owner.ready.clear();
      for (Ready ready : batch) {
        if (stopping) {
          owner.progress.released(ready.pending().record().offset());
          budget.remove(ready.pending().cost());
        } else {
          startOne(owner, ready);
        }
      }
    }
  }

  private void startOne(Owned owner, Ready ready) {
    ConsumerRecord<byte[], byte[]> record = ready.pending().record();
    InFlightJob job;
    try {
      job = switch (ready.start()) {
        case RunAttempt attempt -> handler.handle(record, attempt.attempt());
        case GiveUp giveUp -> handler.abandon(record, giveUp.why());
      };
    } catch (RuntimeException e) {
      // A handler must turn every input into a settlement; one that throws cannot settle this record.
      budget.remove(ready.pending().cost());
      throw new IllegalStateException("the record handler threw for " + owner.partition + "@" + record.offset(), e);
    }
    boolean alone = ready.start() instanceof RunAttempt attempt && attempt.attempt().isLast()
        && settings.maxAttempts() > 1;
    Running run = new Running(record, ready.start(), job, System.nanoTime(), ready.pending().cost(), alone);
    owner.running.put(record.offset(), run);
    job.done().whenComplete((settlement, error) -> settled.add(new Settled(owner, run, settlement, error)));
  }

  // ---- pausing

  /**
   * Pauses every owned partition while the budget is full (or while stopping), and a partition
   * alone while its metadata is full; resumes the others.
   */
  private void adjustPause(boolean fetch) {
    boolean all = !fetch || stopping || !budget.hasRoom();
    Set<TopicPartition> wanted = new HashSet<>();
    for (Owned owner : owned.values()) {
      if (owner.metadataFull) {
        owner.metadataFull = !owner.pending.isEmpty()
            && !fits(owner.progress.commitPointWith(owner.pending.firstKey()));
      }
      if (all || owner.metadataFull) {
        wanted.add(owner.partition);
      }
    }
    Set<TopicPartition> toPause = new HashSet<>(wanted);
    toPause.removeAll(paused);
    Set<TopicPartition> toResume = new HashSet<>(paused);
    toResume.removeAll(wanted);
    if (!toPause.isEmpty()) {
      consumer.pause(toPause);
    }
    if (!toResume.isEmpty()) {
      consumer.resume(toResume);
    }
    paused.clear();
    paused.addAll(wanted);
  }

  private Map<String, Long> lag() {
    Map<String, Long> byTopic = new HashMap<>();
    for (TopicPartition partition : owned.keySet()) {
      OptionalLong lag = consumer.currentLag(partition);
      if (lag.isPresent()) {
        byTopic.merge(partition.topic(), lag.getAsLong(), Long::sum);
      }
    }
    return byTopic;
  }

  // ---- stopping

  /** After the loop: no more fetching, wait for in-flight jobs, commit, and leave. */
  private void drain() {
    long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
    adjustPause(false);
    owned.values().forEach(this::dropPending);
    log.info("draining {} running jobs for up to {}", running(), settings.drainTimeout());
    while (failure == null && running() > 0 && System.nanoTime() - deadline < 0) {
      // Polling while paused keeps the membership and runs rebalance callbacks; it returns nothing.
      turn(false);
      owned.values().forEach(this::dropPending);
    }
    if (failure != null) {
      return;
    }
    applySettled();
    if (running() > 0) {
      log.warn("{} jobs did not finish within the drain timeout; cancelling them, their records are redone",
          running());
    }
    stopRunning(owned.values());
    commit(true);
  }

  private int running() {
    return owned.values().stream().mapToInt(o -> o.running.size()).sum();
  }

  /**
   * Forgets the records fetched but not started, and takes back those started but not run: whoever
   * starts them next (the partition's next owner) fetches them again from the committed position.
   */
  private void dropPending(Owned owner) {
    owner.pending.values().forEach(p -> budget.remove(p.cost()));
    owner.pending.clear();
    for (Ready ready : owner.ready) {
      owner.progress.released(ready.pending().record().offset());
      budget.remove(ready.pending().cost());
    }
    owner.ready.clear();
  }

  /**
   * Cancels the running attempts of {@code owners} and waits up to the cancel timeout for them to
   * stop; what settles meanwhile is applied (a job that finished is published), what does not is
   * released. Their pending records are dropped.
   */
  private void stopRunning(Collection<Owned> owners) {
    leaving = true;
    owners.forEach(owner -> owner.running.values().forEach(run -> run.job.cancel().run()));
    long deadline = System.nanoTime() + settings.cancelTimeout().toNanos();
    while (owners.stream().anyMatch(o -> !o.running.isEmpty())) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        Settled s = settled.poll(left, TimeUnit.NANOSECONDS);
        if (s != null) {
          apply(s);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    leaving = false;
    for (Owned owner : owners) {
      if (!owner.running.isEmpty()) {
        log.warn("{} jobs of {} did not stop within {} of being cancelled; if they still write outputs, those may"
            + " land after the next owner's", owner.running.size(), owner.partition, settings.cancelTimeout());
      }
      for (Iterator<Running> it = owner.running.values().iterator(); it.hasNext(); ) {
        Running run = it.next();
        it.remove();
        budget.remove(run.countedCost);
        owner.progress.released(run.record.offset());
      }
      dropPending(owner);
    }
  }

  private void fail(Throwable cause) {
    if (failure == null) {
      failure = cause;
    }
    stopping = true;
  }

  private void cancelAll() {
    owned.values().forEach(owner -> owner.running.values().forEach(run -> run.job.cancel().run()));
    boolean hadPartitions = !owned.isEmpty();
    owned.clear();
    inFlight.set(0);
    if (hadPartitions) {
      observer.assignmentChanged(Set.of());
    }
  }

  private void forget(Collection<TopicPartition> partitions) {
    for (TopicPartition partition : partitions) {
      Owned owner = owned.remove(partition);
      if (owner == null) {
        continue;
      }
      owner.running.values().forEach(run -> {
        run.job.cancel().run();
        budget.remove(run.countedCost);
      });
      owner.pending.values().forEach(p -> budget.remove(p.cost()));
      owner.ready.forEach(r -> budget.remove(r.pending().cost()));
      owner.toPublishCost.values().forEach(budget::remove);
      paused.remove(partition);
    }
    countInFlight();
    observer.assignmentChanged(Set.copyOf(owned.keySet()));
  }

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** Runs on the loop thread, inside poll. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      List<Owned> revoked = partitions.stream().map(owned::get).filter(Objects::nonNull).toList();
      if (revoked.isEmpty()) {
        return;
      }
      applySettled();
      stopRunning(revoked);
      if (failure == null) {
        commit(true);
      }
      countInFlight();
      log.info("partitions revoked: {}; finished jobs committed, unfinished ones left to the next owner", partitions);
      forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      log.warn("partitions lost: {}; nothing is committed for them, the next owner redoes their unfinished jobs",
          partitions);
      forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        observer.assignmentChanged(Set.copyOf(owned.keySet()));
        return;
      }
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
      for (TopicPartition partition : partitions) {
        owned.put(partition, new Owned(partition, resume(partition, committed.get(partition))));
      }
      log.info("partitions assigned: {}", partitions);
      // New partitions start unpaused; pause them now if the loop is at its bound.
      adjustPause(!stopping);
      observer.assignmentChanged(Set.copyOf(owned.keySet()));
    }

    /** The partition's progress from its last commit: skips what the metadata marks done. */
    private PartitionProgress resume(TopicPartition partition, OffsetAndMetadata committed) {
      long position = consumer.position(partition);
      if (committed == null) {
        return PartitionProgress.fresh(position, settings.maxAttempts());
      }
      if (committed.offset() != position) {
        // The committed records are gone (retention) and the consumer reset: nothing above applies.
        log.warn("{} resumes at {}, not at its committed offset {}; its commit metadata no longer applies",
            partition, position, committed.offset());
        return PartitionProgress.fresh(position, settings.maxAttempts());
      }
      IncompleteOffsets above = switch (metadataCodec.decode(committed.metadata())) {
        case DecodedMetadata.None none -> IncompleteOffsets.NONE;
        case DecodedMetadata.Valid valid -> valid.offsets();
        case DecodedMetadata.Unreadable unreadable -> {
          log.warn("the commit metadata of {} is unreadable ({}); records above {} are redone, so those that had"
              + " finished are published again", partition, unreadable.reason(), position);
          yield IncompleteOffsets.NONE;
        }
      };
      if (!above.isEmpty()) {
        log.info("{} resumes at {}: {} offsets above it are done already and are skipped, {} are not", partition,
            position, above.span() - above.incompleteCount(), above.incompleteCount());
      }
      return PartitionProgress.resume(position, above, settings.maxAttempts());
    }
  }
}
