package io.dreamworker.worker.commit;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The offsets of one assigned partition that were handed out for processing and have not finished,
 * and the position that is safe to commit for it.
 *
 * <p>Jobs finish out of order, but a Kafka commit is one number: every offset below it counts as
 * done. So the committable position is the lowest offset still in flight, or one past the highest
 * offset seen when nothing is in flight. Offsets above it that already finished are redone after a
 * crash or a rebalance (at-least-once; their S3 keys are deterministic, so a redo overwrites).
 *
 * <p>Not thread-safe: owned by the consumer thread, like the consumer itself. A new instance is made
 * each time the partition is assigned, so a completion that arrives for an earlier assignment can be
 * told apart by identity and ignored.
 */
public final class PartitionOffsets {
  /** Offsets handed out and not yet finished, lowest first. */
  private final TreeSet<Long> inFlight = new TreeSet<>();
  /** The position when the partition was assigned, or one past the highest offset received. */
  private long nextExpected;
  /** The position last committed (or the one found at assignment). */
  private long committed;

  /** Starts at the partition's position: the offset the consumer will fetch next. */
  public PartitionOffsets(long position) {
    if (position < 0) {
      throw new IllegalArgumentException("position must be at least 0, got " + position);
    }
    this.nextExpected = position;
    this.committed = position;
  }

  /** A record at {@code offset} was handed out for processing. */
  public void received(long offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be at least 0, got " + offset);
    }
    if (!inFlight.add(offset)) {
      throw new IllegalStateException("offset " + offset + " is already in flight");
    }
    nextExpected = Math.max(nextExpected, offset + 1);
  }

  /**
   * The record at {@code offset} finished. Returns false, and changes nothing, when the offset was
   * not in flight (a duplicate completion).
   */
  public boolean completed(long offset) {
    return inFlight.remove(offset);
  }

  /** The position every offset below which has finished. */
  public long committable() {
    return inFlight.isEmpty() ? nextExpected : inFlight.first();
  }

  /**
   * The position to commit if it moved since the last commit; recording it as committed is left to
   * {@link #markCommitted} so that a failed commit is retried.
   */
  public OptionalLong pendingCommit() {
    long position = committable();
    return position > committed ? OptionalLong.of(position) : OptionalLong.empty();
  }

  /** A commit of {@code position} succeeded. */
  public void markCommitted(long position) {
    committed = Math.max(committed, position);
  }

  /** Records handed out and not finished. */
  public int inFlightCount() {
    return inFlight.size();
  }

  /** The lowest offset still in flight, if any. */
  public OptionalLong lowestInFlight() {
    return inFlight.isEmpty() ? OptionalLong.empty() : OptionalLong.of(inFlight.first());
  }

  @Override
  public String toString() {
    return "PartitionOffsets[committable=" + committable() + ", committed=" + committed + ", inFlight="
        + inFlight.size() + "]";
  }
}
