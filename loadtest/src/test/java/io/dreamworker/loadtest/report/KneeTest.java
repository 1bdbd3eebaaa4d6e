package io.dreamworker.loadtest.report;

import static io.dreamworker.loadtest.report.Fixtures.counts;
import static io.dreamworker.loadtest.report.Fixtures.openStep;
import static io.dreamworker.loadtest.report.Fixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class KneeTest {

  @Test
  void flatThenRisingLatency_kneeIsTheLastFlatStep() {
    List<StepResult> steps = List.of(openStep(1, 1, 100), openStep(2, 2, 102), openStep(3, 3, 98),
        openStep(4, 4, 105), openStep(5, 5, 260), openStep(6, 6, 900));

    assertThat(Knee.of(steps)).containsSame(steps.get(3));
  }

  @Test
  void throughputSaturating_kneeIsTheLastStepThatKeptUp() {
    // Latency still looks tame at 4 jobs/s, but only 3.5 of them completed: the queue is growing.
    List<StepResult> steps = List.of(openStep(1, 1, 100), openStep(2, 2, 100), openStep(3, 2.9, 110),
        openStep(4, 3.5, 120), openStep(5, 3.6, 2_000));

    Knee.Analysis analysis = Knee.analyze(steps);

    assertThat(analysis.knee()).containsSame(steps.get(2));
    assertThat(analysis.candidate(steps.get(3)).exclusion()).contains("kept up with 87.5% of the offered rate (under 95%)");
    assertThat(analysis.candidate(steps.get(2)).qualifies()).isTrue();
  }

  @Test
  void seriesThatNeverSaturates_kneeIsItsLastStep() {
    List<StepResult> steps = List.of(openStep(1, 1, 100), openStep(2, 2, 101), openStep(4, 3.98, 99),
        openStep(8, 7.9, 103));

    assertThat(Knee.of(steps)).containsSame(steps.get(3));
  }

  @Test
  void noSteps_noKnee() {
    assertThat(Knee.of(List.of())).isEmpty();
    assertThat(Knee.analyze(List.of()).candidates()).isEmpty();
  }

  @Test
  void closedLoopSaturating_kneeIsWherePowerPeaks() {
    // Little's law: past saturation each extra job in flight only adds its service time to latency.
    List<StepResult> steps = List.of(closed(1, 1.0, 1_000), closed(2, 1.9, 1_050), closed(4, 3.5, 1_140),
        closed(8, 4.0, 2_000), closed(16, 4.1, 3_900));

    assertThat(Knee.of(steps)).containsSame(steps.get(2));
  }

  @Test
  void closedLoop_isNotHeldToItsOfferedConcurrencyAsARate() {
    List<StepResult> steps = List.of(closed(8, 0.5, 100));

    assertThat(Knee.of(steps)).containsSame(steps.get(0));
  }

  @Test
  void stepFailingJobs_isExcludedEvenWithTheHighestPower() {
    StepResult failing = step("s", LoadMode.OPEN_LOOP, 3, 3, 50, new Counts(1_000, 980, 960, 20, 0, 5, 0, 0));
    List<StepResult> steps = List.of(openStep(1, 1, 100), openStep(2, 2, 100), failing);

    Knee.Analysis analysis = Knee.analyze(steps);

    assertThat(analysis.knee()).containsSame(steps.get(1));
    assertThat(analysis.candidate(failing).exclusion())
        .contains("2.5% of submitted jobs failed, timed out or were lost (over 1%)");
  }

  @Test
  void rejectedRecords_doNotExcludeAStep() {
    StepResult withRejections = step("s", LoadMode.OPEN_LOOP, 2, 2, 100, new Counts(1_000, 1_000, 900, 0, 100, 0, 0, 0));

    assertThat(Knee.of(List.of(openStep(1, 1, 100), withRejections))).containsSame(withRejections);
  }

  @Test
  void stepWithoutCompletedJobs_isExcluded() {
    StepResult nothing = new StepResult("s", 1, "continuous",
        new Load(LoadMode.OPEN_LOOP, 1, Fixtures.WARMUP, Fixtures.MEASURED), 0,
        new KindStats(0, LatencyDistribution.empty(), LatencyDistribution.empty(), java.util.Map.of()),
        java.util.Map.of(), new Counts(60, 0, 0, 0, 0, 60, 0, 0), List.of(), java.util.Optional.empty());

    Knee.Analysis analysis = Knee.analyze(List.of(nothing));

    assertThat(analysis.knee()).isEmpty();
    assertThat(analysis.candidate(nothing).exclusion()).contains("no job completed");
    assertThat(analysis.candidate(nothing).power()).isNaN();
  }

  @Test
  void everyStepBehind_noKnee() {
    assertThat(Knee.of(List.of(openStep(1, 0.5, 100), openStep(2, 0.6, 500)))).isEmpty();
  }

  @Test
  void stepsGivenInAnyOrder_sameKnee() {
    List<StepResult> steps = new ArrayList<>(List.of(openStep(1, 1, 100), openStep(2, 2, 100), openStep(3, 3, 100),
        openStep(4, 4, 400)));
    StepResult expected = Knee.of(steps).orElseThrow();

    Collections.reverse(steps);

    assertThat(Knee.of(steps)).containsSame(expected);
  }

  @Test
  void equalPower_goesToTheHigherThroughput() {
    List<StepResult> steps = List.of(openStep(1, 1, 1), openStep(2, 2, 2));

    assertThat(Knee.of(steps)).containsSame(steps.get(1));
  }

  @Test
  void stepsOfTwoSeries_areRefused() {
    StepResult other = step("other", LoadMode.OPEN_LOOP, 2, 2, 100, counts(100));

    assertThatThrownBy(() -> Knee.of(List.of(openStep(1, 1, 100), other)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mix \"s\" and \"other\"");
  }

  @Test
  void power_isThroughputPerSecondOfP95() {
    StepResult s = openStep(2, 2, 500);

    assertThat(Knee.analyze(List.of(s)).candidate(s).power()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.01));
  }

  private static StepResult closed(int inFlight, double throughput, double latencyMs) {
    return step("s", LoadMode.CLOSED_LOOP, inFlight, throughput, latencyMs, counts(1_000));
  }
}
