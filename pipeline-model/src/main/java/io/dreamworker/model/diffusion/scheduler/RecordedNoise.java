package io.dreamworker.model.diffusion.scheduler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Noise drawn beforehand, handed out in order: draw {@code k} is {@code draws[k]}. Replays a
 * reference run's noise (the fixtures' {@code ddpm_noise}), so a stochastic trajectory can be
 * compared exactly.
 */
public final class RecordedNoise implements NoiseSource {
  private final NDArray draws;
  private int next;

  /**
   * @param draws [K, ...]: K draws, each of the shape the steps will ask for (or as many elements);
   *     must stay open while this source is used
   */
  public RecordedNoise(NDArray draws) {
    this.draws = draws;
  }

  /** How many draws have been handed out. */
  public int used() {
    return next;
  }

  @Override
  public NDArray next(NDManager manager, Shape shape) {
    long available = draws.getShape().get(0);
    if (next >= available) {
      throw new IllegalStateException(
          "recorded noise exhausted: the steps asked for draw " + (next + 1) + " of only " + available);
    }
    NDArray draw = draws.get(manager, next);
    if (draw.getShape().size() != shape.size()) {
      throw new IllegalStateException(
          "recorded noise draw " + next + " has shape " + draw.getShape() + " but the step needs " + shape);
    }
    next++;
    return draw.reshape(shape);
  }
}
