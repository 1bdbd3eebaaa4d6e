package io.dreamworker.loadtest.report;

import static io.dreamworker.loadtest.report.Fixtures.MEASURED;
import static io.dreamworker.loadtest.report.Fixtures.WARMUP;
import static io.dreamworker.loadtest.report.Fixtures.constant;
import static io.dreamworker.loadtest.report.Fixtures.counts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The compact constructors of the results model: what they refuse, and how they say it. */
class ModelValidationTest {
  private static final Load LOAD = new Load(LoadMode.OPEN_LOOP, 2, WARMUP, MEASURED);
  private static final KindStats ALL = KindStats.of(2, constant(100, 10), constant(10, 10), Map.of());

  @Test
  void negativeCount_isRefusedNamingTheField() {
    assertThatThrownBy(() -> new Counts(10, 10, 10, -1, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("counts.failed must be >= 0, got -1");
  }

  @Test
  void completedAboveSubmitted_isRefused() {
    assertThatThrownBy(() -> new Counts(5, 6, 6, 0, 0, 0, 0, 0))
        .hasMessageStartingWith("counts.completed 6 exceeds counts.submitted 5");
  }

  @Test
  void outcomesNotAddingUpToCompleted_areRefused() {
    assertThatThrownBy(() -> new Counts(10, 10, 7, 1, 1, 0, 0, 0))
        .hasMessageStartingWith("counts.completed 10 differs from succeeded 7 + failed 1 + rejected 1 = 9");
  }

  @Test
  void lostJobsThatCompleted_areRefused() {
    assertThatThrownBy(() -> new Counts(10, 9, 9, 0, 0, 0, 2, 0))
        .hasMessageStartingWith("counts.lost 2 exceeds the 1 submitted jobs that did not complete");
  }

  @Test
  void moreDuplicatedThanCompleted_isRefused() {
    assertThatThrownBy(() -> new Counts(10, 3, 3, 0, 0, 0, 0, 4))
        .hasMessageStartingWith("counts.duplicated 4 exceeds counts.completed 3");
  }

  @Test
  void errors_areFailedRejectedAndTimedOut() {
    assertThat(new Counts(20, 15, 10, 3, 2, 4, 1, 0).errors()).isEqualTo(9);
  }

  @Test
  void emptySeriesLabel_isRefused() {
    assertThatThrownBy(() -> step(" ", ALL, Map.of(), List.of(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("step series must not be blank, got \" \"");
  }

  @Test
  void zeroWorkers_isRefusedNamingTheStep() {
    assertThatThrownBy(() -> new StepResult("s", 0, "continuous", LOAD, 2, ALL, Map.of(), counts(10), List.of(),
        Optional.empty())).hasMessage("step \"s\": workers must be >= 1, got 0");
  }

  @Test
  void negativeThroughput_isRefused() {
    assertThatThrownBy(() -> new StepResult("s", 1, "continuous", LOAD, -1, ALL, Map.of(), counts(10), List.of(),
        Optional.empty())).hasMessage("step \"s\" at 2.00 jobs/s throughput must be a finite number >= 0, got -1.0");
  }

  @Test
  void kindsNotAddingUpToAll_areRefused() {
    Map<String, KindStats> byKind = new LinkedHashMap<>();
    byKind.put("caption", KindStats.of(1, constant(100, 4), constant(10, 4), Map.of()));
    byKind.put("interleaved", KindStats.of(1, constant(100, 5), constant(10, 5), Map.of()));

    assertThatThrownBy(() -> step("s", ALL, byKind, List.of(), Optional.empty()))
        .hasMessageContaining("all counts 10 jobs but byKind counts 9 (caption 4, interleaved 5)");
  }

  @Test
  void timelineOutOfOrder_isRefusedNamingTheSample() {
    List<Sample> timeline = List.of(sample(5), sample(10), sample(10));

    assertThatThrownBy(() -> step("s", ALL, Map.of(), timeline, Optional.empty()))
        .hasMessageContaining("timeline[2] at PT10S is not after timeline[1] at PT10S");
  }

  @Test
  void blankStopReason_isRefused() {
    assertThatThrownBy(() -> step("s", ALL, Map.of(), List.of(), Optional.of("")))
        .hasMessage("step \"s\" at 2.00 jobs/s stopReason must not be blank, got \"\"");
  }

  @Test
  void byKindWithBlankKind_isRefused() {
    Map<String, KindStats> byKind = new HashMap<>();
    byKind.put("", ALL);

    assertThatThrownBy(() -> step("s", ALL, byKind, List.of(), Optional.empty()))
        .hasMessageContaining("byKind has a blank or null key");
  }

  @Test
  void closedLoopWithFractionalConcurrency_isRefused() {
    assertThatThrownBy(() -> new Load(LoadMode.CLOSED_LOOP, 2.5, WARMUP, MEASURED))
        .hasMessageStartingWith("load offered 2.5 is not a whole number of jobs in flight");
  }

  @Test
  void zeroMeasurementWindow_isRefused() {
    assertThatThrownBy(() -> new Load(LoadMode.OPEN_LOOP, 1, WARMUP, Duration.ZERO))
        .hasMessage("load measured must be > 0, got PT0S");
  }

  @Test
  void sampleWithNegativeLag_isRefused_butNaNp95IsAllowed() {
    assertThatThrownBy(() -> new Sample(Duration.ofSeconds(1), 0, -3, 0, Double.NaN, Map.of()))
        .hasMessage("sample consumerLag must be >= 0, got -3");
    assertThat(new Sample(Duration.ofSeconds(1), 0, 0, 0, Double.NaN, Map.of()).p95Ms()).isNaN();
  }

  @Test
  void negativeStageMean_isRefusedNamingTheStage() {
    assertThatThrownBy(() -> KindStats.of(1, constant(1, 1), constant(1, 1), Map.of("vae", -2.0)))
        .hasMessage("kind stageMeansMs[vae] must be a finite number >= 0, got -2.0");
  }

  @Test
  void findingWithInfiniteNumber_isRefused() {
    assertThatThrownBy(() -> new Finding("ratio", "inf", "", OptionalDouble.of(Double.POSITIVE_INFINITY),
        Optional.empty())).hasMessage("finding \"ratio\" numeric must be finite, got Infinity");
  }

  @Test
  void finding_withersKeepTheRest() {
    Finding f = Finding.of("ratio", "1.86x", "detail").withNumeric(1.86).withTarget(">= 1.8x", true);

    assertThat(f.numeric()).hasValue(1.86);
    assertThat(f.target()).contains(new Finding.Target(">= 1.8x", true));
    assertThat(f.detail()).isEqualTo("detail");
  }

  @Test
  void runSettings_keepTheirOrderAndCannotBeChanged() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("z", "1");
    settings.put("a", "2");
    RunInfo run = new RunInfo("t", java.time.Instant.EPOCH, Machine.current(), "b", "1", 1, settings);
    settings.put("later", "3");

    assertThat(run.settings().keySet()).containsExactly("z", "a");
    assertThatThrownBy(() -> run.settings().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void seriesMixingConfigurations_isRefused() {
    StepResult one = step("s", ALL, Map.of(), List.of(), Optional.empty());
    StepResult two = new StepResult("s", 2, "continuous", new Load(LoadMode.OPEN_LOOP, 3, WARMUP, MEASURED), 2, ALL,
        Map.of(), counts(10), List.of(), Optional.empty());

    assertThatThrownBy(() -> new LoadReport(Fixtures.run("t"), List.of(one, two), List.of()))
        .hasMessageContaining("series \"s\" mixes configurations: 1 worker, continuous, OPEN_LOOP and,")
        .hasMessageContaining("give each configuration its own series label");
  }

  @Test
  void seriesNotAscending_isRefused() {
    StepResult high = stepAt(3, Optional.empty());
    StepResult low = stepAt(2, Optional.empty());

    assertThatThrownBy(() -> new LoadReport(Fixtures.run("t"), List.of(high, low), List.of()))
        .hasMessage("series \"s\" offers 2.0 after 3.0; list each series' steps in strictly ascending offered load");
  }

  @Test
  void stopReasonBeforeTheLastStep_isRefused() {
    StepResult stopped = stepAt(2, Optional.of("p95 over the bound"));

    assertThatThrownBy(() -> new LoadReport(Fixtures.run("t"), List.of(stopped, stepAt(3, Optional.empty())), List.of()))
        .hasMessageContaining("says the sweep stopped (\"p95 over the bound\") but a later step follows it");
  }

  @Test
  void series_groupStepsByLabelInFirstAppearanceOrder() {
    LoadReport report = Fixtures.sweep(1);

    assertThat(report.series()).extracting(Series::label).containsExactly("1 worker, continuous",
        "2 workers, continuous");
    assertThat(report.series().get(0).steps()).hasSize(5);
  }

  @Test
  void kindStats_copyTheHistogram() {
    org.HdrHistogram.Histogram h = constant(100, 10);
    KindStats stats = KindStats.of(1, h, h, Map.of());

    h.recordValue(5_000_000);

    assertThat(stats.count()).isEqualTo(10);
    assertThat(stats.latency().maxMs()).isLessThan(101);
  }

  private static StepResult stepAt(double offered, Optional<String> stop) {
    return new StepResult("s", 1, "continuous", new Load(LoadMode.OPEN_LOOP, offered, WARMUP, MEASURED), 2, ALL,
        Map.of(), counts(10), List.of(), stop);
  }

  private static StepResult step(String series, KindStats all, Map<String, KindStats> byKind, List<Sample> timeline,
      Optional<String> stop) {
    return new StepResult(series, 1, "continuous", LOAD, 2, all, byKind, counts(10), timeline, stop);
  }

  private static Sample sample(int seconds) {
    return new Sample(Duration.ofSeconds(seconds), 1, 0, 1, 100, Map.of());
  }
}
