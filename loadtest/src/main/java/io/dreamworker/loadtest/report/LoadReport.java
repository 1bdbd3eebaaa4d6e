package io.dreamworker.loadtest.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a load-test report shows: the run, its steps, and the driver's findings.
 *
 * <p>The steps are grouped into {@link #series()} by their label, in the order each label first
 * appears; within a series they must be in strictly ascending offered load, share one
 * configuration, and only the last may carry a stop reason. These are checked here so that a
 * malformed sweep fails when its results are assembled, not halfway through writing a report.
 *
 * @param run what was run, where and with what
 * @param steps every step of every series
 * @param findings the driver's conclusions, in the order to print them
 */
public record LoadReport(RunInfo run, List<StepResult> steps, List<Finding> findings) {

  public LoadReport {
    Objects.requireNonNull(run, "report run");
    steps = Checks.listCopy(steps, "report steps");
    findings = Checks.listCopy(findings, "report findings");
    group(steps);
  }

  /** The steps grouped by series label, in first-appearance order. */
  public List<Series> series() {
    return group(steps);
  }

  private static List<Series> group(List<StepResult> steps) {
    Map<String, List<StepResult>> byLabel = new LinkedHashMap<>();
    for (StepResult step : steps) {
      byLabel.computeIfAbsent(step.series(), label -> new ArrayList<>()).add(step);
    }
    List<Series> series = new ArrayList<>(byLabel.size());
    byLabel.values().forEach(s -> series.add(Series.of(s)));
    return List.copyOf(series);
  }
}
