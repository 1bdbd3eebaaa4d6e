package io.dreamworker.worker.ingest;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * What the consumer loop reports, for metrics and readiness. Called on the consumer thread;
 * implementations must be quick and must not throw.
 */
public interface LoopObserver {
  /** Reports nothing. */
  LoopObserver NONE = new LoopObserver() {};

  /** The partitions this worker owns changed (after an assignment, a revocation or a loss). */
  default void assignmentChanged(Set<TopicPartition> assigned) {}

  /**
   * One turn of the loop ended: a liveness heartbeat with the loop's current state.
   *
   * @param inFlight records between poll and committed completion event
   * @param inFlightCost the estimated cost of the records handed out and not settled
   * @param lagRecordsByTopic records not yet fetched, summed per topic over this worker's partitions
   *     (as of the last fetch; partitions without a fetch yet are left out)
   */
  default void turn(int inFlight, long inFlightCost, int pausedPartitions, Map<String, Long> lagRecordsByTopic) {}

  /**
   * A commit succeeded.
   *
   * @param records the events and dead letters it published
   * @param took how long the commit (the transaction, in the exactly-once mode) took
   */
  default void committed(int records, Duration took) {}

  /**
   * A commit was aborted: nothing of it counts, and it is tried again.
   *
   * @param rebalanced the group moved on; the partitions are being reassigned
   */
  default void commitAborted(Exception cause, boolean rebalanced) {}

  /** A fetched record was skipped: it is done already, per this worker or the commit metadata. */
  default void skippedDone(TopicPartition partition) {}

  /** A record failed an attempt and gets another. */
  default void retried(TopicPartition partition) {}

  /**
   * A record gets no further attempt and fails.
   *
   * @param reason {@code workers_lost} or {@code timed_out}
   */
  default void abandoned(String reason) {}

  /** A partition stopped taking new records because its commit metadata would not fit. */
  default void metadataFull(TopicPartition partition) {}
}
