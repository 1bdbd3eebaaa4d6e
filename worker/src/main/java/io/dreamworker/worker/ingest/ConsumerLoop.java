package io.dreamworker.worker.ingest;

import io.dreamworker.worker.commit.PartitionOffsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's Kafka consumer: polls job records, hands each to a {@link RecordHandler}, and commits
 * offsets as jobs settle, out of order.
 *
 * <h2>Threads</h2>
 * One thread, started by {@link #start()}, owns the consumer and every field in the first group
 * below; the rebalance listener runs on it too (inside {@code poll}). Other threads only add to
 * {@link #settled} (from the jobs' futures) and read the counters.
 *
 * <h2>Flow control</h2>
 * The loop never waits on a job: it polls, dispatches, and applies what settled since the last turn.
 * At most {@code maxInFlight} records are handed out. When a poll returns more than the remaining
 * budget, the rest of each partition is handed back with {@code seek} and every partition is paused;
 * they resume once the count falls below the bound. Polling goes on while paused, which keeps the
 * group membership alive however long the model takes.
 *
 * <h2>Offsets</h2>
 * Each partition's committable position is its lowest unsettled offset ({@link PartitionOffsets}).
 * It is committed asynchronously each turn it moved, and synchronously when partitions are revoked
 * and at shutdown. A job counts as settled only after its completion event is acknowledged, so a
 * crash at any point redoes the record rather than losing it.
 *
 * <h2>Rebalances</h2>
 * On revocation the loop commits what settled for those partitions, cancels their in-flight jobs
 * (the new owner redoes them) and forgets them; completions that arrive later for them are ignored,
 * told apart by the identity of their {@link PartitionOffsets}. On loss (the group moved on without
 * us) nothing is committed. Assigned partitions start at the consumer's position.
 *
 * <h2>Failure</h2>
 * A job whose outcome could not be published stops the loop: its offset stays uncommitted, the rest
 * drains and commits, and {@link #failure()} tells why, so the process exits and is restarted.
 */
public final class ConsumerLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);

  // Owned by the loop thread.
  private final Consumer<byte[], byte[]> consumer;
  private final Map<TopicPartition, PartitionOffsets> offsets = new HashMap<>();
  private final Map<TopicPartition, Map<Long, InFlightJob>> jobs = new HashMap<>();
  private final Set<TopicPartition> paused = new HashSet<>();

  // Written by job threads, drained by the loop thread.
  private final ConcurrentLinkedQueue<Settled> settled = new ConcurrentLinkedQueue<>();

  // Read by any thread.
  private final AtomicInteger inFlight = new AtomicInteger();
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopping;
  private volatile Throwable failure;

  private final RecordHandler handler;
  private final ConsumerLoopSettings settings;
  private final LoopObserver observer;
  private final Thread thread;

  /** A job that ended, for the partition assignment it was handed out under. */
  private record Settled(TopicPartition partition, long offset, PartitionOffsets owner, Throwable error) {}

  public ConsumerLoop(Consumer<byte[], byte[]> consumer, RecordHandler handler, ConsumerLoopSettings settings,
      LoopObserver observer) {
    this.consumer = Objects.requireNonNull(consumer, "consumer");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.thread = new Thread(this::run, "dreamworker-consumer");
  }

  /** Subscribes and starts polling on the loop's own thread. */
  public void start() {
    thread.start();
  }

  /** Records handed out and not yet settled. */
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
        turn(settings.pollTimeout(), true);
      }
      drain();
    } catch (Throwable t) {
      if (!(t instanceof WakeupException && stopping)) {
        log.error("consumer loop failed; in-flight jobs are cancelled and their records redone after restart", t);
        failure = failure == null ? t : failure;
      }
      cancelAll();
    } finally {
      try {
        consumer.close();
      } catch (RuntimeException e) {
        log.warn("closing the consumer failed", e);
      }
      finished.countDown();
    }
  }

  /** One poll and everything around it. */
  private void turn(Duration timeout, boolean fetch) {
    applySettled();
    commitAsync();
    if (fetch) {
      adjustPause();
    }
    ConsumerRecords<byte[], byte[]> records;
    try {
      records = consumer.poll(timeout);
    } catch (WakeupException e) {
      // close() interrupts a poll so that shutdown starts at once; the flag ends the loop.
      return;
    }
    dispatch(records);
    observer.turn(inFlight.get(), paused.size(), lag());
  }

  private void dispatch(ConsumerRecords<byte[], byte[]> records) {
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> batch = records.records(partition);
      PartitionOffsets owner = offsets.get(partition);
      for (int i = 0; i < batch.size(); i++) {
        ConsumerRecord<byte[], byte[]> record = batch.get(i);
        if (owner == null || stopping || inFlight.get() >= settings.maxInFlight()) {
          // Over budget (or shutting down): hand the rest back; the partition is paused below.
          if (owner != null) {
            consumer.seek(partition, record.offset());
          }
          break;
        }
        start(partition, owner, record);
      }
    }
  }

  private void start(TopicPartition partition, PartitionOffsets owner, ConsumerRecord<byte[], byte[]> record) {
    owner.received(record.offset());
    inFlight.incrementAndGet();
    InFlightJob job;
    try {
      job = handler.handle(record);
    } catch (RuntimeException e) {
      // A handler must turn every input into an outcome; one that throws cannot publish this record.
      owner.completed(record.offset());
      inFlight.decrementAndGet();
      throw new IllegalStateException("the record handler threw for " + partition + "@" + record.offset(), e);
    }
    jobs.computeIfAbsent(partition, p -> new LinkedHashMap<>()).put(record.offset(), job);
    job.done().whenComplete((ignored, error) ->
        settled.add(new Settled(partition, record.offset(), owner, error)));
  }

  private void applySettled() {
    Settled s;
    while ((s = settled.poll()) != null) {
      if (offsets.get(s.partition()) != s.owner()) {
        continue; // Settled under an earlier assignment of the partition: already forgotten.
      }
      Map<Long, InFlightJob> partitionJobs = jobs.get(s.partition());
      if (partitionJobs == null || partitionJobs.remove(s.offset()) == null) {
        continue;
      }
      inFlight.decrementAndGet();
      Throwable error = unwrap(s.error());
      if (error == null) {
        s.owner().completed(s.offset());
      } else if (error instanceof CancellationException) {
        log.debug("job at {}@{} was cancelled; its record is redone by the partition's next owner",
            s.partition(), s.offset());
      } else {
        log.error("the outcome of the job at {}@{} could not be published; stopping without committing it",
            s.partition(), s.offset(), error);
        if (failure == null) {
          failure = error;
        }
        stopping = true;
      }
    }
  }

  private void commitAsync() {
    Map<TopicPartition, OffsetAndMetadata> pending = pendingCommits(offsets.keySet());
    if (pending.isEmpty()) {
      return;
    }
    consumer.commitAsync(pending, (committed, error) -> {
      if (error != null) {
        observer.commitFailed(error);
        log.warn("committing {} failed; retried on a later turn", pending, error);
        return;
      }
      committed.forEach((partition, position) -> {
        PartitionOffsets owner = offsets.get(partition);
        if (owner != null) {
          owner.markCommitted(position.offset());
        }
      });
    });
  }

  private void commitSync(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> pending = pendingCommits(partitions);
    if (pending.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(pending);
      pending.forEach((partition, position) -> offsets.get(partition).markCommitted(position.offset()));
      log.info("committed {}", describe(pending));
    } catch (RuntimeException e) {
      observer.commitFailed(e);
      log.warn("committing {} failed; those records are redone by the partitions' next owner", describe(pending), e);
    }
  }

  private Map<TopicPartition, OffsetAndMetadata> pendingCommits(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
    for (TopicPartition partition : partitions) {
      PartitionOffsets owner = offsets.get(partition);
      if (owner != null) {
        OptionalLong position = owner.pendingCommit();
        if (position.isPresent()) {
          pending.put(partition, new OffsetAndMetadata(position.getAsLong()));
        }
      }
    }
    return pending;
  }

  /** Pauses every owned partition at the in-flight bound (or while stopping), resumes below it. */
  private void adjustPause() {
    boolean full = stopping || inFlight.get() >= settings.maxInFlight();
    if (full && paused.size() < offsets.size()) {
      Set<TopicPartition> toPause = new HashSet<>(offsets.keySet());
      toPause.removeAll(paused);
      consumer.pause(toPause);
      paused.addAll(toPause);
    } else if (!full && !paused.isEmpty()) {
      consumer.resume(paused);
      paused.clear();
    }
  }

  private Map<String, Long> lag() {
    Map<String, Long> byTopic = new HashMap<>();
    for (TopicPartition partition : offsets.keySet()) {
      OptionalLong lag = consumer.currentLag(partition);
      if (lag.isPresent()) {
        byTopic.merge(partition.topic(), lag.getAsLong(), Long::sum);
      }
    }
    return byTopic;
  }

  /** After the loop: no more fetching, wait for in-flight jobs, commit, and leave. */
  private void drain() {
    long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
    consumer.pause(offsets.keySet());
    paused.addAll(offsets.keySet());
    log.info("draining {} in-flight jobs for up to {}", inFlight.get(), settings.drainTimeout());
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      // Polling while paused keeps the membership and runs rebalance callbacks; it returns nothing.
      turn(settings.pollTimeout(), false);
    }
    applySettled();
    if (inFlight.get() > 0) {
      log.warn("{} jobs did not finish within the drain timeout; cancelling them, their records are redone",
          inFlight.get());
    }
    commitSync(new ArrayList<>(offsets.keySet()));
    cancelAll();
  }

  private void cancelAll() {
    jobs.values().forEach(partitionJobs -> partitionJobs.values().forEach(job -> job.cancel().run()));
    jobs.clear();
    inFlight.set(0);
  }

  private void forget(Collection<TopicPartition> partitions) {
    for (TopicPartition partition : partitions) {
      Map<Long, InFlightJob> partitionJobs = jobs.remove(partition);
      if (partitionJobs != null) {
        partitionJobs.values().forEach(job -> job.cancel().run());
        inFlight.addAndGet(-partitionJobs.size());
      }
      offsets.remove(partition);
      paused.remove(partition);
    }
    observer.assignmentChanged(Set.copyOf(offsets.keySet()));
  }

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static String describe(Map<TopicPartition, OffsetAndMetadata> positions) {
    StringBuilder text = new StringBuilder();
    positions.forEach((p, o) -> text.append(text.isEmpty() ? "" : ", ").append(p).append('@').append(o.offset()));
    return text.toString();
  }

  /** Runs on the loop thread, inside poll. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      applySettled();
      commitSync(partitions);
      log.info("partitions revoked: {}; their unfinished jobs are cancelled for the next owner", partitions);
      forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      log.warn("partitions lost: {}; nothing is committed for them, the next owner redoes their jobs", partitions);
      forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      for (TopicPartition partition : partitions) {
        offsets.put(partition, new PartitionOffsets(consumer.position(partition)));
      }
      if (!partitions.isEmpty()) {
        log.info("partitions assigned: {}", partitions);
        // New partitions start unpaused; pause them now if the loop is at its bound.
        if (stopping || inFlight.get() >= settings.maxInFlight()) {
          consumer.pause(partitions);
          paused.addAll(partitions);
        }
      }
      observer.assignmentChanged(Set.copyOf(offsets.keySet()));
    }
  }
}
