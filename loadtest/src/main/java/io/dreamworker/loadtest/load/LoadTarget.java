package io.dreamworker.loadtest.load;

import io.dreamworker.loadtest.workload.JobSpec;
import java.util.Map;

/**
 * Where a sweep's jobs go and what it can read back: a Kafka cluster's jobs and events topics,
 * the consumer group's lag and, when the workers are this machine's, their engines' batch sizes.
 */
interface LoadTarget extends AutoCloseable {
  /** Sends a job to the jobs topic, keyed by its id, without waiting. */
  void send(JobSpec job);

  String bootstrapServers();

  /** The cluster's client properties (security settings), for the events reader. */
  Map<String, String> clientProperties();

  String eventsTopic();

  /** Records of the jobs topic the group has not committed yet, or -1 when it cannot be read now. */
  long consumerLag();

  /**
   * The workers' engine batch counters so far, per stage: the rows of every batched call summed,
   * and the number of calls. Empty when the workers are not this machine's.
   */
  Map<String, double[]> batchRowTotals();

  /** Worker processes serving the jobs. */
  int workers();

  /** How their engines schedule ({@code continuous}, {@code sequential}, or as configured). */
  String engineMode();

  @Override
  void close();
}
