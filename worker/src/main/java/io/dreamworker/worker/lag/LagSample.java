package io.dreamworker.worker.lag;

import java.util.Map;
import java.util.Objects;

/**
 * One reading of this worker's backlog: the lag of the partitions it owns, summed per topic, and
 * the jobs it holds between poll and completion event.
 *
 * @param lagRecordsByTopic records between the committed offset and the log end, per topic, over
 *     the partitions assigned to this worker; empty while it owns none (for example during a
 *     rebalance)
 * @param jobsInFlight jobs polled and not yet settled by a completion event
 */
public record LagSample(Map<String, Long> lagRecordsByTopic, long jobsInFlight) {

  public LagSample {
    Objects.requireNonNull(lagRecordsByTopic, "lagRecordsByTopic");
    for (Map.Entry<String, Long> entry : lagRecordsByTopic.entrySet()) {
      String topic = entry.getKey();
      Long lag = entry.getValue();
      if (topic == null || topic.isBlank()) {
        throw new IllegalArgumentException("a lag sample names a blank topic: " + lagRecordsByTopic
            + "; key the map by the topic's name");
      }
      if (lag == null || lag < 0) {
        throw new IllegalArgumentException("topic " + topic + " has lag " + lag
            + "; lag is records behind the log end, 0 or more");
      }
    }
    if (jobsInFlight < 0) {
      throw new IllegalArgumentException("jobsInFlight is " + jobsInFlight + "; it counts jobs, 0 or more");
    }
    lagRecordsByTopic = Map.copyOf(lagRecordsByTopic);
  }

  /** The lag over all topics. */
  public long totalLagRecords() {
    return lagRecordsByTopic.values().stream().mapToLong(Long::longValue).sum();
  }
}
