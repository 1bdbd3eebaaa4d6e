package io.dreamworker.loadtest.report;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One step of a sweep: one load offered to one fleet configuration, and what it achieved.
 *
 * @param series the label of the curve this step belongs to, e.g. {@code "1 worker, continuous"}
 * @param workers worker processes serving the jobs topic
 * @param engineMode how the workers' engine ran, e.g. {@code "continuous"} or {@code "sequential"}
 * @param load what was offered, and for how long
 * @param throughput completed jobs per second of the measurement window, all kinds together
 * @param all the figures over every kind together
 * @param byKind the figures of each job kind ({@code caption}, {@code text_to_image},
 *     {@code interleaved}...), in the caller's order
 * @param counts what became of the window's jobs
 * @param timeline samples in the order taken, each later than the one before
 * @param stopReason why the sweep stopped after this step, e.g. {@code "p95 5.2 s over the bound 5 s"};
 *     only the last step of a series has one
 */
public record StepResult(String series, int workers, String engineMode, Load load, double throughput,
    KindStats all, Map<String, KindStats> byKind, Counts counts, List<Sample> timeline,
    Optional<String> stopReason) {

  public StepResult {
    Checks.nonBlank(series, "step series");
    String named = "step \"" + series + "\"";
    if (workers < 1) {
      throw new IllegalArgumentException(named + ": workers must be >= 1, got " + workers);
    }
    Checks.nonBlank(engineMode, named + " engineMode");
    Objects.requireNonNull(load, named + " load");
    String where = named + " at " + load.mode().formatOffered(load.offered());
    Checks.finiteNonNegative(throughput, where + " throughput");
    Objects.requireNonNull(all, where + " all");
    byKind = Checks.orderedCopy(byKind, where + " byKind");
    Objects.requireNonNull(counts, where + " counts");
    timeline = Checks.listCopy(timeline, where + " timeline");
    Objects.requireNonNull(stopReason, where + " stopReason (use Optional.empty())");
    stopReason.ifPresent(reason -> Checks.nonBlank(reason, where + " stopReason"));

    if (!byKind.isEmpty()) {
      long sum = byKind.values().stream().mapToLong(KindStats::count).sum();
      if (sum != all.count()) {
        StringBuilder parts = new StringBuilder();
        byKind.forEach((kind, stats) -> parts.append(parts.isEmpty() ? "" : ", ").append(kind).append(' ')
            .append(stats.count()));
        throw new IllegalArgumentException(where + ": all counts " + all.count() + " jobs but byKind counts " + sum
            + " (" + parts + "); all must hold every kind's jobs, and each job one kind");
      }
    }
    for (int i = 1; i < timeline.size(); i++) {
      if (timeline.get(i).at().compareTo(timeline.get(i - 1).at()) <= 0) {
        throw new IllegalArgumentException(where + ": timeline[" + i + "] at " + timeline.get(i).at()
            + " is not after timeline[" + (i - 1) + "] at " + timeline.get(i - 1).at()
            + "; list the samples in the order taken");
      }
    }
  }

  public LoadMode loadMode() {
    return load.mode();
  }

  public double offered() {
    return load.offered();
  }

  /** {@code "1 worker, continuous at 4.00 jobs/s"}: how messages and captions name this step. */
  public String describe() {
    return series + " at " + load.mode().formatOffered(load.offered());
  }
}
