package io.dreamworker.worker.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

class LagMetricsTest {
  private static final Instant PERIOD = Instant.parse("2026-11-26T12:00:00Z");

  @Test
  void twoTopics_totalThenEachTopicInOrderThenInFlight() {
    List<MetricDatum> datums = LagMetrics.datums("workers", new LagSample(Map.of("z.jobs", 4L, "a.jobs", 6L), 3), PERIOD);

    assertThat(datums).extracting(MetricDatum::metricName)
        .containsExactly("ConsumerLag", "ConsumerLag", "ConsumerLag", "JobsInFlight");
    assertThat(datums).extracting(MetricDatum::value).containsExactly(10.0, 6.0, 4.0, 3.0);
    assertThat(datums.get(0).dimensions()).containsExactly(dimension("ConsumerGroup", "workers"));
    assertThat(datums.get(1).dimensions())
        .containsExactly(dimension("ConsumerGroup", "workers"), dimension("Topic", "a.jobs"));
    assertThat(datums.get(2).dimensions())
        .containsExactly(dimension("ConsumerGroup", "workers"), dimension("Topic", "z.jobs"));
    assertThat(datums.get(3).dimensions()).containsExactly(dimension("ConsumerGroup", "workers"));
  }

  @Test
  void everyDatum_isACountStampedWithThePeriod() {
    List<MetricDatum> datums = LagMetrics.datums("g", new LagSample(Map.of("t", 1L), 0), PERIOD);
    assertThat(datums).allSatisfy(datum -> {
      assertThat(datum.unit()).isEqualTo(StandardUnit.COUNT);
      assertThat(datum.timestamp()).isEqualTo(PERIOD);
    });
  }

  @Test
  void noPartitionsOwned_publishesZeroTotalAndInFlight() {
    List<MetricDatum> datums = LagMetrics.datums("g", new LagSample(Map.of(), 2), PERIOD);
    assertThat(datums).extracting(MetricDatum::metricName).containsExactly("ConsumerLag", "JobsInFlight");
    assertThat(datums).extracting(MetricDatum::value).containsExactly(0.0, 2.0);
  }

  private static Dimension dimension(String name, String value) {
    return Dimension.builder().name(name).value(value).build();
  }
}
