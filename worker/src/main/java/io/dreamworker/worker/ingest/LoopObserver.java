package io.dreamworker.worker.ingest;

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
   * @param lagRecordsByTopic records not yet fetched, summed per topic over this worker's partitions
   *     (as of the last fetch; partitions without a fetch yet are left out)
   */
  default void turn(int inFlight, int pausedPartitions, Map<String, Long> lagRecordsByTopic) {}

  /** A commit failed; it is retried on a later turn. */
  default void commitFailed(Exception cause) {}
}
