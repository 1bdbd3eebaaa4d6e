package io.dreamworker.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {

  @Test
  void latencyBelowASecond_isInMilliseconds() {
    assertThat(Units.latency(0.423)).isEqualTo("0.42 ms");
    assertThat(Units.latency(3.44)).isEqualTo("3.4 ms");
    assertThat(Units.latency(850.2)).isEqualTo("850 ms");
    assertThat(Units.latency(999.4)).isEqualTo("999 ms");
  }

  @Test
  void latencyFromASecond_isInSeconds() {
    assertThat(Units.latency(999.6)).isEqualTo("1.00 s");
    assertThat(Units.latency(1_254)).isEqualTo("1.25 s");
    assertThat(Units.latency(9_999)).isEqualTo("10.0 s");
    assertThat(Units.latency(125_340)).isEqualTo("125.3 s");
  }

  @Test
  void missingLatency_isADash() {
    assertThat(Units.latency(Double.NaN)).isEqualTo(Units.MISSING);
    assertThat(Units.throughput(Double.NaN)).isEqualTo(Units.MISSING);
  }

  @Test
  void latencyTick_dropsTrailingZeros() {
    assertThat(Units.latencyTick(2_000)).isEqualTo("2 s");
    assertThat(Units.latencyTick(1_500)).isEqualTo("1.5 s");
    assertThat(Units.latencyTick(0.5)).isEqualTo("0.5 ms");
    assertThat(Units.latencyTick(200)).isEqualTo("200 ms");
  }

  @Test
  void throughput_hasTwoDecimalsOrTwoSignificantDigitsWhenSmall() {
    assertThat(Units.throughput(3.8567)).isEqualTo("3.86 jobs/s");
    assertThat(Units.jobsPerSecond(0.1)).isEqualTo("0.10");
    assertThat(Units.jobsPerSecond(0.01234)).isEqualTo("0.012");
    assertThat(Units.jobsPerSecond(0)).isEqualTo("0.00");
  }

  @Test
  void percent_dropsAZeroDecimalAndKeepsSmallValuesVisible() {
    assertThat(Units.percent(0.95)).isEqualTo("95%");
    assertThat(Units.percent(0.875)).isEqualTo("87.5%");
    assertThat(Units.percent(0.999)).isEqualTo("99.9%");
    assertThat(Units.percent(0.0004)).isEqualTo("0.04%");
  }

  @Test
  void duration_isWrittenAsPeopleSayIt() {
    assertThat(Units.duration(Duration.ofMillis(500))).isEqualTo("500 ms");
    assertThat(Units.duration(Duration.ofSeconds(30))).isEqualTo("30 s");
    assertThat(Units.duration(Duration.ofMillis(1_500))).isEqualTo("1.5 s");
    assertThat(Units.duration(Duration.ofMinutes(2))).isEqualTo("2 min");
    assertThat(Units.duration(Duration.ofSeconds(150))).isEqualTo("2 min 30 s");
  }

  @Test
  void offered_isWrittenInTheLoadModesUnit() {
    assertThat(LoadMode.OPEN_LOOP.formatOffered(4)).isEqualTo("4.00 jobs/s");
    assertThat(LoadMode.CLOSED_LOOP.formatOffered(8)).isEqualTo("8 in flight");
  }
}
