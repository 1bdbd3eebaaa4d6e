package io.dreamworker.worker.lag;

/**
 * Where the publisher reads the worker's backlog. The consumer loop implements it, so that this
 * package never touches the Kafka consumer (which is not thread-safe).
 *
 * <p>Contract: called on the publisher's own thread once per interval, never concurrently with
 * itself; it must be thread-safe with respect to the consumer loop and return quickly (read values
 * the loop already keeps, do not call the broker). It reports the partitions this worker owns at
 * the moment of the call, not the whole group: CloudWatch adds the workers' samples up. An
 * exception it throws is logged and counted as a failed round, and the next round runs as usual.
 */
@FunctionalInterface
public interface LagSource {

  /** This worker's backlog now. */
  LagSample sample();
}
