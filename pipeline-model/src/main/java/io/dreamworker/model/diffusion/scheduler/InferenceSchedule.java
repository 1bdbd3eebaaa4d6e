package io.dreamworker.model.diffusion.scheduler;

import java.util.Arrays;

/**
 * What {@code set_timesteps(n)} produces: the timesteps, and for each step index the coefficients of
 * the update. Immutable and shareable, so requests with the same scheduler and step count can use
 * one instance; a request's progress lives in its {@link SchedulerState}.
 */
public final class InferenceSchedule {
  /** The update at a step, given how many earlier x0 the request holds. */
  @FunctionalInterface
  interface StepRule {
    StepCoefficients at(int stepIndex, int history);
  }

  private final Scheduler scheduler;
  private final int[] timesteps;
  private final int maxHistory;
  private final StepRule rule;

  InferenceSchedule(Scheduler scheduler, int[] timesteps, int maxHistory, StepRule rule) {
    this.scheduler = scheduler;
    this.timesteps = timesteps.clone();
    this.maxHistory = maxHistory;
    this.rule = rule;
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  /** The number of steps (diffusers' {@code len(scheduler.timesteps)}). */
  public int size() {
    return timesteps.length;
  }

  public int timestep(int stepIndex) {
    return timesteps[stepIndex];
  }

  /** A copy of the timesteps, descending. */
  public int[] timesteps() {
    return timesteps.clone();
  }

  /**
   * The most earlier model outputs the scheduler remembers (diffusers caps {@code lower_order_nums}
   * at {@code solver_order}; 0 for DDPM and DDIM).
   */
  public int maxHistory() {
    return maxHistory;
  }

  /**
   * The update at {@code stepIndex}.
   *
   * @param history how many steps this request has taken so far, capped at {@link #maxHistory()}
   *     (DPM-Solver's {@code lower_order_nums}); it lowers the solver order on a request's first steps
   */
  public StepCoefficients coefficients(int stepIndex, int history) {
    if (stepIndex < 0 || stepIndex >= timesteps.length) {
      throw new IllegalArgumentException(
          "step index " + stepIndex + " is outside this " + timesteps.length + "-step schedule");
    }
    return rule.at(stepIndex, Math.min(history, maxHistory));
  }

  @Override
  public String toString() {
    return "InferenceSchedule" + Arrays.toString(timesteps);
  }
}
