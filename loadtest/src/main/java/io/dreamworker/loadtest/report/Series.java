package io.dreamworker.loadtest.report;

import java.util.List;
import java.util.Optional;

/**
 * The steps of one curve: one fleet configuration under ascending load.
 *
 * @param label the steps' {@link StepResult#series()}
 * @param workers worker processes, the same at every step
 * @param engineMode the engine's mode, the same at every step
 * @param loadMode open or closed loop, the same at every step
 * @param steps in strictly ascending offered load; only the last may have a stop reason
 */
public record Series(String label, int workers, String engineMode, LoadMode loadMode, List<StepResult> steps) {

  public Series {
    Checks.nonBlank(label, "series label");
    steps = Checks.listCopy(steps, "series \"" + label + "\" steps");
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("series \"" + label + "\" has no steps");
    }
    for (int i = 0; i < steps.size(); i++) {
      StepResult s = steps.get(i);
      if (!s.series().equals(label)) {
        throw new IllegalArgumentException("series \"" + label + "\" holds a step of series \"" + s.series() + "\"");
      }
      if (s.workers() != workers || !s.engineMode().equals(engineMode) || s.loadMode() != loadMode) {
        throw new IllegalArgumentException("series \"" + label + "\" mixes configurations: " + Units.workers(workers)
            + ", " + engineMode + ", " + loadMode + " and, at step " + s.describe() + ", " + Units.workers(s.workers())
            + ", " + s.engineMode() + ", " + s.loadMode() + "; give each configuration its own series label");
      }
      if (i > 0 && s.offered() <= steps.get(i - 1).offered()) {
        throw new IllegalArgumentException("series \"" + label + "\" offers " + s.offered() + " after "
            + steps.get(i - 1).offered() + "; list each series' steps in strictly ascending offered load");
      }
      if (i < steps.size() - 1 && s.stopReason().isPresent()) {
        throw new IllegalArgumentException("step " + s.describe() + " says the sweep stopped (\""
            + s.stopReason().get() + "\") but a later step follows it; only a series' last step has a stop reason");
      }
    }
  }

  /** The series of {@code steps}, which must all carry the same label and configuration. */
  public static Series of(List<StepResult> steps) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a series needs at least one step");
    }
    StepResult first = steps.get(0);
    return new Series(first.series(), first.workers(), first.engineMode(), first.loadMode(), steps);
  }

  /** The step that offered exactly {@code offered}, if there is one. */
  public Optional<StepResult> stepAt(double offered) {
    return steps.stream().filter(s -> s.offered() == offered).findFirst();
  }

  /** {@link Knee#of} this series' steps. */
  public Optional<StepResult> knee() {
    return Knee.of(steps);
  }
}
