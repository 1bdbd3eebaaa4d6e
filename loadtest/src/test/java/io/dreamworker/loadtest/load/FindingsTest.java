package io.dreamworker.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.dreamworker.loadtest.report.Counts;
import io.dreamworker.loadtest.report.Finding;
import io.dreamworker.loadtest.report.KindStats;
import io.dreamworker.loadtest.report.LatencyDistribution;
import io.dreamworker.loadtest.report.Load;
import io.dreamworker.loadtest.report.LoadMode;
import io.dreamworker.loadtest.report.Series;
import io.dreamworker.loadtest.report.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class FindingsTest {

  /** A series whose steps reach {@code throughputs} at the offered rates, p95 rising past the knee. */
  private static Series series(String mode, int workers, double[] offered, double[] throughputs, long lost) {
    List<StepResult> steps = new ArrayList<>();
    for (int i = 0; i < offered.length; i++) {
      Histogram latency = LatencyDistribution.newHistogram();
      long p95Micros = (long) (1_000_000 * (offered[i] > throughputs[i] * 1.05 ? 20 : 1 + 0.1 * i));
      for (int n = 0; n < 100; n++) {
        latency.recordValue(p95Micros);
      }
      Histogram queueing = LatencyDistribution.newHistogram();
      queueing.recordValue(1000);
      queueing.recordValue(1000);
      for (int n = 2; n < 100; n++) {
        queueing.recordValue(1000);
      }
      KindStats all = KindStats.of(throughputs[i], latency, queueing, Map.of());
      steps.add(new StepResult(workers + (workers == 1 ? " worker, " : " workers, ") + mode, workers, mode,
          new Load(LoadMode.OPEN_LOOP, offered[i], Duration.ofSeconds(1), Duration.ofSeconds(10)), throughputs[i],
          all, Map.of(), new Counts(100 + lost, 100, 100, 0, 0, lost, lost, 0), List.of(), Optional.empty()));
    }
    return Series.of(steps);
  }

  @Test
  void theIssuesFindings_fromTheSeries() {
    Series continuous = series("continuous", 1, new double[] {1, 2, 4}, new double[] {1, 2, 3}, 0);
    Series sequential = series("sequential", 1, new double[] {0.5, 1, 2}, new double[] {0.5, 1, 1.2}, 0);
    Series two = series("continuous", 2, new double[] {2, 4, 8}, new double[] {2, 4, 5.7}, 0);

    List<Finding> findings = Findings.of(List.of(continuous, sequential, two),
        Map.of("1 worker, continuous", 3.0, "2 workers, continuous", 5.7), OptionalDouble.of(3.2));

    assertThat(findings).extracting(Finding::name).contains("knee, 1 worker, continuous", "capacity, 1 worker, continuous",
        "continuous / sequential throughput at the knee", "2 workers / 1 worker throughput",
        "service / engine throughput", "jobs lost or duplicated");
    Finding ratio = find(findings, "continuous / sequential throughput at the knee");
    assertThat(ratio.numeric().getAsDouble()).isEqualTo(2.0);
    assertThat(ratio.detail()).contains("the most either completed in a step: 3.00 and 1.20");
    Finding scaling = find(findings, "2 workers / 1 worker throughput");
    assertThat(scaling.numeric().getAsDouble()).isEqualTo(1.9, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(scaling.target()).hasValueSatisfying(t -> assertThat(t.met()).isTrue());
    Finding efficiency = find(findings, "service / engine throughput");
    assertThat(efficiency.numeric().getAsDouble()).isEqualTo(3 / 3.2);
    assertThat(efficiency.target()).hasValueSatisfying(t -> assertThat(t.met()).isTrue());
    assertThat(find(findings, "jobs lost or duplicated").target()).hasValueSatisfying(t -> assertThat(t.met()).isTrue());
  }

  @Test
  void lostJobs_failTheirFinding_andMissingSeriesAreLeftOut() {
    Series continuous = series("continuous", 1, new double[] {1, 2}, new double[] {1, 2}, 3);
    List<Finding> findings = Findings.of(List.of(continuous), Map.of(), OptionalDouble.empty());
    assertThat(findings).extracting(Finding::name).doesNotContain("2 workers / 1 worker throughput",
        "service / engine throughput");
    assertThat(find(findings, "jobs lost or duplicated").target()).hasValueSatisfying(t -> assertThat(t.met()).isFalse());
  }

  private static Finding find(List<Finding> findings, String name) {
    return findings.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }
}
