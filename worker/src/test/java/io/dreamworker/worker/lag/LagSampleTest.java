package io.dreamworker.worker.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LagSampleTest {

  @Test
  void severalTopics_totalIsTheirSum() {
    assertThat(new LagSample(Map.of("a", 3L, "b", 4L), 2).totalLagRecords()).isEqualTo(7);
  }

  @Test
  void noPartitionsOwned_totalIsZero() {
    assertThat(new LagSample(Map.of(), 0).totalLagRecords()).isZero();
  }

  @Test
  void callerChangesItsMap_sampleKeepsTheValuesItWasGiven() {
    Map<String, Long> lag = new HashMap<>(Map.of("jobs", 5L));
    LagSample sample = new LagSample(lag, 0);
    lag.put("jobs", 9L);
    assertThat(sample.lagRecordsByTopic()).containsEntry("jobs", 5L);
  }

  @Test
  void negativeLag_refusedNamingTheTopic() {
    assertThatThrownBy(() -> new LagSample(Map.of("jobs", -1L), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("topic jobs has lag -1");
  }

  @Test
  void blankTopic_refused() {
    assertThatThrownBy(() -> new LagSample(Map.of(" ", 1L), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank topic");
  }

  @Test
  void negativeInFlight_refused() {
    assertThatThrownBy(() -> new LagSample(Map.of(), -2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jobsInFlight is -2");
  }
}
