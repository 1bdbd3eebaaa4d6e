package io.dreamworker.loadtest.load;

import io.dreamworker.loadtest.report.Finding;
import io.dreamworker.loadtest.report.Series;
import io.dreamworker.loadtest.report.StepResult;
import io.dreamworker.loadtest.report.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The findings a sweep exists for, from its series: where one worker's latency-throughput curve
 * bends, what continuous batching gains over one request at a time, how throughput scales from one
 * worker to two, what the service around the engine costs, and whether anything was lost or doubled.
 */
final class Findings {
  /** The scaling target: two workers of one engine thread each, against one. */
  static final double SCALING_TARGET = 1.8;
  /** The service's target: throughput through Kafka and S3 against the engine's own. */
  static final double EFFICIENCY_TARGET = 0.9;

  private Findings() {}

  /**
   * @param bulk each series' bulk-run throughput (its capacity on the baseline's jobs), by label
   * @param engineBaseline the engine's own jobs per second on the same jobs, when measured
   */
  static List<Finding> of(List<Series> series, Map<String, Double> bulk, OptionalDouble engineBaseline) {
    List<Finding> findings = new ArrayList<>();
    Optional<Series> continuous = find(series, 1, "continuous");
    Optional<Series> sequential = find(series, 1, "sequential");
    Optional<Series> twoWorkers = find(series, 2, "continuous");

    for (Series s : series) {
      Optional<StepResult> knee = s.knee();
      findings.add(knee.map(k -> Finding.of("knee, " + s.label(), Units.jobsPerSecond(k.throughput()) + " jobs/s",
              "at " + k.load().mode().formatOffered(k.offered()) + " offered, p95 " + Units.latency(k.all().latency().p95Ms())
                  + " (the step of most throughput per second of p95 among those that kept up)")
              .withNumeric(k.throughput()))
          .orElse(Finding.of("knee, " + s.label(), "none", "no step kept up with its load without errors")));
    }
    bulk.forEach((label, throughput) -> findings.add(Finding.of("capacity, " + label,
        Units.jobsPerSecond(throughput) + " jobs/s", "the bulk run: the engine baseline's jobs, all sent at once, at the"
            + " rate of the middle 80% of their completions").withNumeric(throughput)));
    if (continuous.isPresent() && sequential.isPresent()) {
      Optional<StepResult> c = continuous.get().knee();
      Optional<StepResult> q = sequential.get().knee();
      if (c.isPresent() && q.isPresent() && q.get().throughput() > 0) {
        double ratio = c.get().throughput() / q.get().throughput();
        findings.add(Finding.of("continuous / sequential throughput at the knee", ratio(ratio),
            Units.jobsPerSecond(c.get().throughput()) + " against " + Units.jobsPerSecond(q.get().throughput())
                + " jobs/s, one worker each; the most either completed in a step: "
                + Units.jobsPerSecond(mostInAStep(continuous.get())) + " and "
                + Units.jobsPerSecond(mostInAStep(sequential.get())) + " jobs/s").withNumeric(ratio));
      }
    }
    if (continuous.isPresent() && twoWorkers.isPresent()) {
      double one = capacity(continuous.get(), bulk);
      double two = capacity(twoWorkers.get(), bulk);
      if (one > 0) {
        double ratio = two / one;
        findings.add(Finding.of("2 workers / 1 worker throughput", ratio(ratio), "capacities " + Units.jobsPerSecond(two)
                + " against " + Units.jobsPerSecond(one) + " jobs/s (" + source(twoWorkers.get(), bulk)
                + "), continuous, one engine thread each").withNumeric(ratio)
            .withTarget(">= " + SCALING_TARGET + "x", ratio >= SCALING_TARGET));
      }
    }
    if (continuous.isPresent() && engineBaseline.isPresent() && engineBaseline.getAsDouble() > 0) {
      double service = capacity(continuous.get(), bulk);
      double ratio = service / engineBaseline.getAsDouble();
      findings.add(Finding.of("service / engine throughput", String.format(Locale.ROOT, "%.2f", ratio),
              "one worker through Kafka and S3: " + Units.jobsPerSecond(service) + " jobs/s (" + source(continuous.get(), bulk)
                  + "); its engine alone on the same jobs, all submitted at once, no Kafka or S3, measured alike: "
                  + Units.jobsPerSecond(engineBaseline.getAsDouble()) + " jobs/s")
          .withNumeric(ratio).withTarget(">= " + EFFICIENCY_TARGET, ratio >= EFFICIENCY_TARGET));
    }
    long lost = 0;
    long duplicated = 0;
    long submitted = 0;
    for (Series s : series) {
      for (StepResult step : s.steps()) {
        lost += step.counts().lost();
        duplicated += step.counts().duplicated();
        submitted += step.counts().submitted();
      }
    }
    findings.add(Finding.of("jobs lost or duplicated", lost + " lost, " + duplicated + " duplicated",
            "of " + submitted + " measured jobs, read with read_committed").withNumeric(lost + duplicated)
        .withTarget("0", lost + duplicated == 0));
    return findings;
  }

  /** The series' bulk-run throughput, or else the most jobs per second any of its steps completed. */
  static double capacity(Series series, Map<String, Double> bulk) {
    Double measured = bulk.get(series.label());
    return measured != null ? measured : mostInAStep(series);
  }

  /** The most jobs per second any step of the series completed. */
  static double mostInAStep(Series series) {
    return series.steps().stream().mapToDouble(StepResult::throughput).max().orElse(0);
  }

  private static String source(Series series, Map<String, Double> bulk) {
    return bulk.containsKey(series.label()) ? "the bulk run" : "the most a step completed";
  }

  private static Optional<Series> find(List<Series> series, int workers, String mode) {
    return series.stream().filter(s -> s.workers() == workers && s.engineMode().equals(mode)).findFirst();
  }

  private static String ratio(double ratio) {
    return String.format(Locale.ROOT, "%.2fx", ratio);
  }
}
