package io.dreamworker.worker.delivery;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.FencedMemberEpochException;
import org.apache.kafka.common.errors.IllegalGenerationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.StaleMemberEpochException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/** Which Kafka client failures a committer can recover from, following the clients' documented contracts. */
final class KafkaErrors {
  private KafkaErrors() {}

  /**
   * Failures after which the producer (or this worker's membership) cannot be used again: another
   * instance took over the transactional id, the producer's sequence is broken, a permission or a
   * protocol version is missing, or the producer is in a state that only closing leaves.
   */
  static boolean isFatal(Throwable e) {
    return e instanceof ProducerFencedException
        || e instanceof OutOfOrderSequenceException
        || e instanceof AuthorizationException
        || e instanceof AuthenticationException
        || e instanceof UnsupportedVersionException
        || e instanceof FencedInstanceIdException
        || e instanceof IllegalStateException;
  }

  /**
   * Failures that say this member's view of the group is stale: the broker refused offsets from a
   * generation (or member epoch) that no longer owns the partitions. The next poll runs the
   * rebalance callbacks.
   */
  static boolean isRebalance(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CommitFailedException
          || t instanceof RebalanceInProgressException
          || t instanceof IllegalGenerationException
          || t instanceof UnknownMemberIdException
          || t instanceof FencedMemberEpochException
          || t instanceof StaleMemberEpochException) {
        return true;
      }
    }
    return false;
  }
}
