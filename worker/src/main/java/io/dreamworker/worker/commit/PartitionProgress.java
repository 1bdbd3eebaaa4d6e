package io.dreamworker.worker.commit;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One assigned partition's progress: which offsets are done, which are not and how many attempts
 * each has had, and what to commit for it.
 *
 * <h2>The model</h2>
 * Jobs finish out of order, but a Kafka commit is one position {@code P}: every offset below it is
 * done. The offsets at and above {@code P} that are done already, and the attempt counts of those
 * that are not, go in the commit's metadata ({@link IncompleteOffsets}, encoded by
 * {@link OffsetMetadataCodec}), as Confluent's Parallel Consumer does. So after a crash or a
 * rebalance the partition's next owner resumes from {@link #resume} and skips what is done: no job
 * is published twice, and none is lost.
 *
 * <p>An offset at or above {@code P} and below {@link #end()} is <em>incomplete</em> when it is
 * listed here, and done otherwise; offsets that no record occupies (transaction markers, compacted
 * records) are never listed, so they count as done. {@code P} is the lowest incomplete offset, or
 * {@code end} when none is.
 *
 * <h2>Attempts</h2>
 * Each incomplete offset carries the attempts that count against its retry limit. A record
 * {@linkplain #start started} for attempt {@code n} is recorded with {@code n} before it runs (the
 * loop commits that before running it), so a worker that dies running it has used that attempt:
 * the next owner sees {@code n} and runs attempt {@code n + 1}, and a record that kills every worker
 * that runs it is stopped after the limit. A record fetched but not started is not recorded at all,
 * so a crash does not count against it. An attempt that fails ({@link #failed}) counts; one that is
 * cancelled cleanly (revocation, shutdown) is {@linkplain #released released} and does not.
 *
 * <p>Not thread-safe: owned by the consumer thread. A new instance is made each time the partition
 * is assigned.
 */
public final class PartitionProgress {

  /** What a record handed out becomes. */
  public sealed interface Admission {
    /** Done already (by this worker or, per the metadata, by an earlier owner): skip it. */
    record AlreadyDone() implements Admission {}

    /** Run it as attempt {@code attempt} (from 1); it is recorded as in flight. */
    record Run(int attempt) implements Admission {}

    /**
     * It has had {@code attempts} attempts, at least the limit: do not run it, publish its failure.
     * It is recorded as in flight until that is committed.
     */
    record Exhausted(int attempts) implements Admission {}
  }

  private static final Admission ALREADY_DONE = new Admission.AlreadyDone();

  private enum State {
    /** Handed out: an attempt is under way, and counts among the attempts. */
    IN_FLIGHT,
    /** Handed out to publish its failure, without another attempt. */
    ABANDONING,
    /** Recorded as incomplete by the previous owner, or released by this one: waiting to be received. */
    WAITING
  }

  /** An incomplete offset: its state and the attempts that count against its limit. */
  private record Incomplete(State state, int attempts) {}

  private final int maxAttempts;
  /** The incomplete offsets, lowest first. */
  private final NavigableMap<Long, Incomplete> incomplete = new TreeMap<>();
  /** One past the highest offset covered: received, or recorded by the previous owner. */
  private long end;
  /** The last commit point that succeeded (or the one found at assignment). */
  private CommitPoint committed;

  private PartitionProgress(long position, IncompleteOffsets inherited, int maxAttempts) {
    if (position < 0) {
      throw new IllegalArgumentException("position must be at least 0, got " + position);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    this.end = position + inherited.span();
    inherited.incomplete().forEach((relative, attempts) ->
        incomplete.put(position + relative, new Incomplete(State.WAITING, attempts)));
    this.committed = new CommitPoint(position, inherited);
  }

  /** A partition with nothing committed, starting at {@code position} (the consumer's reset position). */
  public static PartitionProgress fresh(long position, int maxAttempts) {
    return new PartitionProgress(position, IncompleteOffsets.NONE, maxAttempts);
  }

  /**
   * A partition taken over from an earlier owner, whose last commit was {@code position} with
   * {@code inherited} in its metadata.
   */
  public static PartitionProgress resume(long position, IncompleteOffsets inherited, int maxAttempts) {
    return new PartitionProgress(position, inherited, maxAttempts);
  }

  /**
   * The number of the next attempt at the record at {@code offset}: one more than the attempts
   * recorded for it, 1 for a record not seen before. Above {@code maxAttempts} the record is
   * exhausted. Changes nothing.
   *
   * @throws IllegalStateException when the record is done or in flight
   */
  public int nextAttempt(long offset) {
    if (isDone(offset)) {
      throw new IllegalStateException("offset " + offset + " is done, it has no next attempt");
    }
    Incomplete known = incomplete.get(offset);
    if (known == null) {
      return 1;
    }
    if (known.state() != State.WAITING) {
      throw new IllegalStateException("offset " + offset + " is in flight already");
    }
    return known.attempts() + 1;
  }

  /** The most attempts a record gets. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /**
   * The record at {@code offset} is handed out now: run as its next attempt (recorded as in flight
   * from now, so that the next commit counts it), or, when it has had all its attempts, given up
   * (in flight until its failure is committed). A record that is done is left as it is.
   *
   * @throws IllegalStateException when it is in flight already
   */
  public Admission start(long offset) {
    if (isDone(offset)) {
      return ALREADY_DONE;
    }
    int next = nextAttempt(offset);
    end = Math.max(end, offset + 1);
    if (next > maxAttempts) {
      incomplete.put(offset, new Incomplete(State.ABANDONING, next - 1));
      return new Admission.Exhausted(next - 1);
    }
    incomplete.put(offset, new Incomplete(State.IN_FLIGHT, next));
    return new Admission.Run(next);
  }

  /**
   * The in-flight record at {@code offset} failed its attempt (the engine failed, it timed out): the
   * attempt counts, and the record waits to be started again.
   */
  public void failed(long offset) {
    Incomplete known = inFlight(offset, "failed");
    if (known.state() != State.IN_FLIGHT) {
      throw new IllegalStateException("offset " + offset + " is being given up, not run, so it cannot fail");
    }
    incomplete.put(offset, new Incomplete(State.WAITING, known.attempts()));
  }

  /** The attempts of the in-flight record at {@code offset}, its current one included. */
  public int attempts(long offset) {
    return inFlight(offset, "asked for").attempts();
  }

  /** The record at {@code offset} is done: its outcome is committed (or being committed with this state). */
  public void completed(long offset) {
    inFlight(offset, "completed");
    incomplete.remove(offset);
  }

  /**
   * The in-flight record at {@code offset} was cancelled cleanly and is left for whoever starts it
   * next (this worker, or the partition's next owner): its current attempt does not count.
   */
  public void released(long offset) {
    Incomplete known = inFlight(offset, "released");
    int counted = known.state() == State.IN_FLIGHT ? known.attempts() - 1 : known.attempts();
    incomplete.put(offset, new Incomplete(State.WAITING, counted));
  }

  /**
   * Whether the record at {@code offset} is done: below the end and not incomplete (finished here,
   * or by an earlier owner per the metadata; offsets no record occupies count as done).
   */
  public boolean isDone(long offset) {
    return offset < end && !incomplete.containsKey(offset);
  }

  /** The position every offset below which is done: the lowest incomplete offset, or {@link #end()}. */
  public long position() {
    return incomplete.isEmpty() ? end : incomplete.firstKey();
  }

  /** One past the highest offset covered. */
  public long end() {
    return end;
  }

  /** Offsets listed as incomplete: what the metadata has to hold. */
  public int incompleteCount() {
    return incomplete.size();
  }

  /** What to commit now: the position and the incomplete offsets above it. */
  public CommitPoint commitPoint() {
    long position = position();
    if (incomplete.isEmpty()) {
      return new CommitPoint(position, IncompleteOffsets.NONE);
    }
    TreeMap<Long, Integer> relative = new TreeMap<>();
    for (Map.Entry<Long, Incomplete> e : incomplete.entrySet()) {
      relative.put(e.getKey() - position, e.getValue().attempts());
    }
    return new CommitPoint(position, new IncompleteOffsets(end - position, relative));
  }

  /**
   * The commit point if the record at {@code offset} were started now, to check that the metadata
   * still fits before starting it. (A record recorded already only changes its attempt count, which
   * the metadata's bound allows for.)
   */
  public CommitPoint commitPointWith(long offset) {
    if (offset < end || incomplete.containsKey(offset)) {
      return commitPoint();
    }
    long position = position();
    TreeMap<Long, Integer> relative = new TreeMap<>();
    incomplete.forEach((o, i) -> relative.put(o - position, i.attempts()));
    relative.put(offset - position, 1);
    return new CommitPoint(position, new IncompleteOffsets(offset + 1 - position, relative));
  }

  /** Whether the state to commit differs from what was last committed. */
  public boolean changedSinceCommit() {
    return !commitPoint().equals(committed);
  }

  /** A commit of {@code point} succeeded. */
  public void markCommitted(CommitPoint point) {
    committed = point;
  }

  /** The last commit point that succeeded, or the one found at assignment. */
  public CommitPoint committed() {
    return committed;
  }

  private Incomplete inFlight(long offset, String what) {
    Incomplete known = incomplete.get(offset);
    if (known == null || known.state() == State.WAITING) {
      throw new IllegalStateException("offset " + offset + " is not in flight, so it cannot be " + what);
    }
    return known;
  }

  @Override
  public String toString() {
    return "PartitionProgress[position=" + position() + ", end=" + end + ", incomplete=" + incomplete.size()
        + ", committed=" + committed.position() + "]";
  }
}
