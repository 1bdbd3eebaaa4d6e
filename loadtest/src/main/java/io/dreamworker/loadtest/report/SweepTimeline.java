package io.dreamworker.loadtest.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One series' timelines laid back to back on one time axis, as the timeline charts draw them: step
 * {@code k} starts where step {@code k - 1} ended, which is its warm-up plus measurement window, or
 * its last sample if that came later (samples taken during the drain).
 *
 * @param series the series
 * @param startSeconds where each step starts on the axis, in the series' step order
 */
record SweepTimeline(Series series, List<Double> startSeconds) {

  SweepTimeline {
    startSeconds = List.copyOf(startSeconds);
  }

  static SweepTimeline of(Series series) {
    List<Double> starts = new ArrayList<>(series.steps().size());
    double start = 0;
    for (StepResult step : series.steps()) {
      starts.add(start);
      double span = Units.seconds(step.load().span());
      if (!step.timeline().isEmpty()) {
        span = Math.max(span, Units.seconds(step.timeline().get(step.timeline().size() - 1).at()));
      }
      start += span;
    }
    return new SweepTimeline(series, starts);
  }

  /** Whether any step of the series has a sample. */
  boolean hasSamples() {
    return series.steps().stream().anyMatch(s -> !s.timeline().isEmpty());
  }

  /** Where {@code sample} of the step at {@code stepIndex} sits on the axis, in seconds. */
  double seconds(int stepIndex, Sample sample) {
    return startSeconds.get(stepIndex) + Units.seconds(sample.at());
  }
}
