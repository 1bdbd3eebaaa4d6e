package io.dreamworker.model.diffusion.scheduler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * One request's progress through an {@link InferenceSchedule}: the step index, DPM-Solver's
 * lower-order bookkeeping and remembered x0, and the request's own {@link NoiseSource}. Many
 * states at different steps can share one {@link Scheduler} and one schedule; {@link
 * SchedulerBatch} steps several of them with one tensor update.
 *
 * <p>Not thread-safe: a request is stepped by one thread at a time. Close it when the request ends
 * to free the remembered x0.
 */
public final class SchedulerState implements AutoCloseable {
  private final InferenceSchedule schedule;
  private final NoiseSource noise;
  private final NDManager manager;
  private int stepIndex;
  private int history;
  /** DPM-Solver's data prediction from the previous step, in {@link #manager}; else {@code null}. */
  private NDArray previousX0;

  private SchedulerState(InferenceSchedule schedule, NoiseSource noise, NDManager parent, int beginIndex) {
    this.schedule = schedule;
    this.noise = noise;
    this.manager = parent.newSubManager();
    this.stepIndex = beginIndex;
  }

  /** A request at the first step of {@code schedule}. */
  public static SchedulerState start(InferenceSchedule schedule, NoiseSource noise, NDManager parent) {
    return startAt(schedule, noise, parent, 0);
  }

  /**
   * A request that joins {@code schedule} at {@code beginIndex} (diffusers' {@code set_begin_index},
   * as image-to-image does after noising its input to that step's timestep).
   */
  public static SchedulerState startAt(InferenceSchedule schedule, NoiseSource noise, NDManager parent, int beginIndex) {
    if (beginIndex < 0 || beginIndex >= schedule.size()) {
      throw new IllegalArgumentException(
          "begin index " + beginIndex + " is outside this " + schedule.size() + "-step schedule");
    }
    return new SchedulerState(schedule, noise, parent, beginIndex);
  }

  public InferenceSchedule schedule() {
    return schedule;
  }

  /** The index of the next step to take. */
  public int stepIndex() {
    return stepIndex;
  }

  public boolean finished() {
    return stepIndex >= schedule.size();
  }

  /** The timestep the model is to be evaluated at for the next step. */
  public int timestep() {
    requireNotFinished();
    return schedule.timestep(stepIndex);
  }

  /** The next step's update. */
  public StepCoefficients coefficients() {
    requireNotFinished();
    return schedule.coefficients(stepIndex, history);
  }

  /**
   * {@code scheduler.step(model_output, t, sample).prev_sample} for this request's current timestep,
   * then advances to the next step.
   *
   * @param modelOutput the model output at {@link #timestep()}, shaped like {@code sample}
   * @param sample the request's latents, e.g. [C, H, W] or [1, C, H, W] (or [N, C, H, W] for N
   *     images stepped as one request, as diffusers would)
   * @return the latents for the next step, in {@code sample}'s manager
   */
  public NDArray step(NDArray modelOutput, NDArray sample) {
    requireNotFinished();
    SchedulerBatch.requireSameShape(modelOutput, sample);
    StepCoefficients c = coefficients();
    NDArray result;
    NDArray kept = null;
    try (NDScope scope = new NDScope()) {
      NDArray variance = c.drawsNoise() ? noise.next(sample.getManager(), sample.getShape()) : null;
      NDArray previous = c.usesPreviousX0() ? previousX0(sample.getShape()) : null;
      LatentUpdate.Result r = new LatentUpdate(List.of(c), sample).apply(sample, modelOutput, previous, variance);
      result = r.prev();
      NDScope.unregister(result);
      if (c.keepsX0()) {
        kept = r.x0();
        NDScope.unregister(kept);
      }
    }
    advance(kept);
    return result;
  }

  NoiseSource noise() {
    return noise;
  }

  /** The remembered x0, viewed in {@code shape} (a request may switch between [C,H,W] and [1,C,H,W] rows). */
  NDArray previousX0(Shape shape) {
    if (previousX0 == null) {
      throw new IllegalStateException(
          "step " + stepIndex + " needs the previous step's x0, but this request has none");
    }
    if (previousX0.getShape().size() != shape.size()) {
      throw new IllegalArgumentException(
          "this request's latents were " + previousX0.getShape() + " at its previous step but are "
              + shape + " now");
    }
    return previousX0.reshape(shape);
  }

  /** Moves to the next step, remembering {@code x0} (or nothing) for it. */
  void advance(NDArray x0) {
    if (previousX0 != null) {
      previousX0.close();
      previousX0 = null;
    }
    if (x0 != null) {
      x0.attach(manager);
      previousX0 = x0;
    }
    stepIndex++;
    history = Math.min(history + 1, schedule.maxHistory());
  }

  void requireNotFinished() {
    if (finished()) {
      throw new IllegalStateException(
          "this request has taken all " + schedule.size() + " steps of its schedule");
    }
  }

  @Override
  public void close() {
    previousX0 = null;
    manager.close();
  }
}
