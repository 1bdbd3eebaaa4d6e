package io.dreamworker.worker.lag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * The CloudWatch metrics a worker publishes, and their names. The Terraform module
 * ({@code deploy/terraform/modules/gpu-worker-asg}, locals {@code worker_lag_metric}) reads these
 * names in its metric math; {@code deploy/checks} fails when the two differ.
 *
 * <table>
 *   <caption>Metrics per publication</caption>
 *   <tr><th>metric</th><th>dimensions</th><th>value</th></tr>
 *   <tr><td>{@value #CONSUMER_LAG}</td><td>{@value #CONSUMER_GROUP}</td><td>lag over all topics</td></tr>
 *   <tr><td>{@value #CONSUMER_LAG}</td><td>{@value #CONSUMER_GROUP}, {@value #TOPIC}</td><td>lag of one topic</td></tr>
 *   <tr><td>{@value #JOBS_IN_FLIGHT}</td><td>{@value #CONSUMER_GROUP}</td><td>jobs between poll and completion event</td></tr>
 * </table>
 *
 * <p>Each value is this worker's share (unit {@code Count}); read them with the {@code Sum}
 * statistic over a period equal to the publishing interval to get the group's total.
 */
public final class LagMetrics {

  /** Records behind the log end, over the partitions the publishing worker owns. */
  public static final String CONSUMER_LAG = "ConsumerLag";
  /** Jobs the publishing worker holds between poll and completion event. */
  public static final String JOBS_IN_FLIGHT = "JobsInFlight";
  /** Dimension: the Kafka consumer group ({@code kafka.group-id}). */
  public static final String CONSUMER_GROUP = "ConsumerGroup";
  /** Dimension: a jobs topic. */
  public static final String TOPIC = "Topic";

  private LagMetrics() {}

  /**
   * The data points of one sample: the total lag, the lag per topic (in topic order, so that
   * requests are reproducible) and the jobs in flight, all stamped {@code timestamp}.
   */
  public static List<MetricDatum> datums(String consumerGroup, LagSample sample, Instant timestamp) {
    Dimension group = Dimension.builder().name(CONSUMER_GROUP).value(consumerGroup).build();
    List<MetricDatum> datums = new ArrayList<>();
    datums.add(count(CONSUMER_LAG, sample.totalLagRecords(), timestamp, List.of(group)));
    for (Map.Entry<String, Long> topic : new TreeMap<>(sample.lagRecordsByTopic()).entrySet()) {
      Dimension topicDimension = Dimension.builder().name(TOPIC).value(topic.getKey()).build();
      datums.add(count(CONSUMER_LAG, topic.getValue(), timestamp, List.of(group, topicDimension)));
    }
    datums.add(count(JOBS_IN_FLIGHT, sample.jobsInFlight(), timestamp, List.of(group)));
    return List.copyOf(datums);
  }

  private static MetricDatum count(String name, long value, Instant timestamp, List<Dimension> dimensions) {
    return MetricDatum.builder()
        .metricName(name)
        .dimensions(dimensions)
        .timestamp(timestamp)
        .value((double) value)
        .unit(StandardUnit.COUNT)
        .build();
  }
}
