package io.dreamworker.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyDistributionTest {

  @Test
  void percentiles_areTheHistogramsInMilliseconds() {
    Histogram h = seeded(7, 5_000);
    LatencyDistribution d = LatencyDistribution.ofMicros(h);

    assertThat(d.count()).isEqualTo(5_000);
    assertThat(d.p50Ms()).isEqualTo(h.getValueAtPercentile(50) / 1_000.0);
    assertThat(d.p95Ms()).isEqualTo(h.getValueAtPercentile(95) / 1_000.0);
    assertThat(d.p99Ms()).isEqualTo(h.getValueAtPercentile(99) / 1_000.0);
    assertThat(d.p999Ms()).isEqualTo(h.getValueAtPercentile(99.9) / 1_000.0);
    assertThat(d.maxMs()).isEqualTo(h.getMaxValue() / 1_000.0);
    assertThat(d.meanMs()).isEqualTo(h.getMean() / 1_000.0);
  }

  @Test
  void recordingIntoTheSourceLater_doesNotChangeTheCopy() {
    Histogram h = seeded(1, 100);
    LatencyDistribution d = LatencyDistribution.ofMicros(h);
    double p99 = d.p99Ms();

    for (int i = 0; i < 1_000; i++) {
      h.recordValue(60_000_000);
    }

    assertThat(d.count()).isEqualTo(100);
    assertThat(d.p99Ms()).isEqualTo(p99);
  }

  @Test
  void toHistogram_handsOutACopy() {
    LatencyDistribution d = LatencyDistribution.ofMicros(seeded(2, 100));

    d.toHistogram().recordValue(1);

    assertThat(d.count()).isEqualTo(100);
  }

  @Test
  void concurrentHistogram_isCopiedLikeAnyOther() {
    ConcurrentHistogram h = new ConcurrentHistogram(3);
    h.recordValue(1_500);

    LatencyDistribution d = LatencyDistribution.ofMicros(h);

    assertThat(d.count()).isEqualTo(1);
    assertThat(d.p50Ms()).isEqualTo(1.5);
  }

  @Test
  void emptyDistribution_hasNaNFiguresAndNoPoints() {
    LatencyDistribution d = LatencyDistribution.empty();

    assertThat(d.isEmpty()).isTrue();
    assertThat(d.p95Ms()).isNaN();
    assertThat(d.maxMs()).isNaN();
    assertThat(d.meanMs()).isNaN();
    assertThat(d.standardPercentiles()).isEmpty();
    assertThat(d.curve()).isEmpty();
  }

  @Test
  void percentileOutsideTheRange_isRefused() {
    assertThatThrownBy(() -> LatencyDistribution.empty().percentileMs(101))
        .hasMessage("percentile must be within [0, 100], got 101.0");
  }

  @Test
  void curve_runsFrom0To100WithTheTailFinelySampled() {
    List<PercentilePoint> curve = LatencyDistribution.ofMicros(seeded(3, 10_000)).curve();

    assertThat(curve.get(0).percentile()).isEqualTo(0);
    assertThat(curve.get(curve.size() - 1).percentile()).isEqualTo(100);
    assertThat(curve).isSortedAccordingTo((a, b) -> Double.compare(a.percentile(), b.percentile()));
    assertThat(curve.stream().filter(p -> p.percentile() > 99 && p.percentile() < 100)).hasSizeGreaterThan(10);
  }

  @Test
  void standardPercentiles_areOnePointEach() {
    LatencyDistribution d = LatencyDistribution.ofMicros(seeded(4, 1_000));

    assertThat(d.standardPercentiles()).extracting(PercentilePoint::percentile)
        .containsExactlyElementsOf(LatencyDistribution.STANDARD_PERCENTILES);
    assertThat(d.standardPercentiles().get(6).ms()).isEqualTo(d.p95Ms());
  }

  @Test
  void equalContents_areEqual() {
    assertThat(LatencyDistribution.ofMicros(seeded(5, 50))).isEqualTo(LatencyDistribution.ofMicros(seeded(5, 50)))
        .hasSameHashCodeAs(LatencyDistribution.ofMicros(seeded(5, 50)));
  }

  static Histogram seeded(long seed, int n) {
    Random random = new Random(seed);
    Histogram h = LatencyDistribution.newHistogram();
    for (int i = 0; i < n; i++) {
      h.recordValue(Math.round(1_000_000 * Math.exp(0.5 * random.nextGaussian())));
    }
    return h;
  }
}
