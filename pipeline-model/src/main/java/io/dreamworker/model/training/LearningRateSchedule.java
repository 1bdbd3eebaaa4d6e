package io.dreamworker.model.training;

import ai.djl.training.tracker.ParameterTracker;

/**
 * Linear warm-up to the peak rate, then cosine decay to {@code floorFraction} of it at the last step:
 * the schedule small diffusion and language models are usually trained with. Adam's step count is
 * per parameter; every parameter here is updated at every step, so the count is the training step.
 *
 * @param peak the learning rate after warm-up
 * @param warmupSteps steps of linear warm-up from 0 (at least 1)
 * @param totalSteps the step at which the decay reaches its floor
 * @param floorFraction the final rate as a fraction of {@code peak}, in [0, 1]
 */
public record LearningRateSchedule(float peak, int warmupSteps, int totalSteps, float floorFraction)
    implements ParameterTracker {

  public LearningRateSchedule {
    if (!(peak > 0) || warmupSteps < 1 || totalSteps < warmupSteps || floorFraction < 0 || floorFraction > 1) {
      throw new IllegalArgumentException("learning rate schedule needs peak > 0, 1 <= warmupSteps <= totalSteps"
          + " and floorFraction in [0, 1], got peak " + peak + ", warmupSteps " + warmupSteps + ", totalSteps "
          + totalSteps + ", floorFraction " + floorFraction);
    }
  }

  /** The rate at (1-based) step {@code step}. */
  public float at(int step) {
    if (step <= warmupSteps) {
      return peak * step / warmupSteps;
    }
    double progress = Math.min(1.0, (step - warmupSteps) / (double) Math.max(1, totalSteps - warmupSteps));
    double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
    return (float) (peak * (floorFraction + (1 - floorFraction) * cosine));
  }

  @Override
  public float getNewValue(String parameterId, int numUpdate) {
    return at(numUpdate);
  }
}
