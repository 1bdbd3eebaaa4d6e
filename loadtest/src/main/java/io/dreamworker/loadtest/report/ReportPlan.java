package io.dreamworker.loadtest.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The decisions a report makes about its data, made once and shared by every output: each series'
 * knee, and which step its latency distribution is drawn at.
 *
 * @param report the results
 * @param options how to draw them
 * @param series one plan per series, in the report's order
 */
record ReportPlan(LoadReport report, ReportOptions options, List<SeriesPlan> series) {

  /**
   * One series' decisions.
   *
   * @param series the series
   * @param knee the knee rule applied to its steps
   * @param distributionStep the step its latency distribution is drawn at
   * @param distributionChosen whether the caller chose that step (otherwise it is the default)
   */
  record SeriesPlan(Series series, Knee.Analysis knee, StepResult distributionStep, boolean distributionChosen) {}

  ReportPlan {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(options, "options");
    series = List.copyOf(series);
  }

  /**
   * Plans {@code report}: a series named in {@link ReportOptions#distributionSteps()} shows its step
   * at that offered load; any other shows its knee, or its lowest load when no step qualifies as
   * the knee (the least saturated step it has).
   *
   * @throws IllegalArgumentException when the options name a series or an offered load the report does not have
   */
  static ReportPlan of(LoadReport report, ReportOptions options) {
    List<Series> all = report.series();
    for (String label : options.distributionSteps().keySet()) {
      if (all.stream().noneMatch(s -> s.label().equals(label))) {
        throw new IllegalArgumentException("distributionSteps names the series \"" + label + "\", which the report"
            + " does not have; its series are " + all.stream().map(s -> "\"" + s.label() + "\"")
                .collect(Collectors.joining(", ")));
      }
    }
    List<SeriesPlan> plans = new ArrayList<>(all.size());
    for (Series s : all) {
      Knee.Analysis knee = Knee.analyze(s.steps());
      Double chosen = options.distributionSteps().get(s.label());
      StepResult step;
      if (chosen != null) {
        step = s.stepAt(chosen).orElseThrow(() -> new IllegalArgumentException("distributionSteps asks for series \""
            + s.label() + "\" at offered " + chosen + ", which it did not run; its offered loads are "
            + s.steps().stream().map(st -> Double.toString(st.offered())).collect(Collectors.joining(", "))));
      } else {
        step = knee.knee().orElse(s.steps().get(0));
      }
      plans.add(new SeriesPlan(s, knee, step, chosen != null));
    }
    return new ReportPlan(report, options, plans);
  }
}
