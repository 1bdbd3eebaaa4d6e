package io.dreamworker.model.training;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.List;

/**
 * An exponential moving average of trained weights (Polyak averaging), as diffusers' {@code EMAModel}
 * keeps for the UNet: after each optimizer step every shadow moves toward its parameter by {@code 1 -
 * decay}, and at the end of training the parameters take the shadows' values. The decay warms up as
 * {@code EMAModel}'s does without {@code use_ema_warmup}, {@code min(decay, (1 + n) / (10 + n))} at
 * update {@code n}, so the first updates are not pinned to the initial weights.
 *
 * <p>The shadows are owned here (copies outside any graph); {@link #close()} frees them. Not
 * thread-safe: one training loop owns it.
 */
final class ExponentialMovingAverage implements AutoCloseable {
  private final float decay;
  private final List<NDArray> parameters = new ArrayList<>();
  private final List<NDArray> shadows = new ArrayList<>();
  private int updates;

  /**
   * @param decay the largest per-step decay, in (0, 1); diffusers' default is 0.9999
   * @param trained the parameters averaged (their current values start the shadows)
   */
  ExponentialMovingAverage(float decay, List<TrainableParameters> trained) {
    if (!(decay > 0 && decay < 1)) {
      throw new IllegalArgumentException("the moving average's decay must be in (0, 1), got " + decay);
    }
    this.decay = decay;
    for (TrainableParameters p : trained) {
      for (NDArray a : p.arrays().values()) {
        NDArray shadow = a.duplicate();
        shadow.setRequiresGradient(false);
        parameters.add(a);
        shadows.add(shadow);
      }
    }
  }

  /** The decay of update {@code n} (counted from 0). */
  static float decayAt(float maxDecay, int n) {
    return Math.min(maxDecay, (1f + n) / (10f + n));
  }

  /** Moves every shadow toward its parameter; call after each optimizer step. */
  void update() {
    float d = decayAt(decay, updates++);
    for (int i = 0; i < parameters.size(); i++) {
      NDArray shadow = shadows.get(i);
      // shadow = d * shadow + (1 - d) * parameter, in place, written as shadow -= (1 - d) * (shadow - parameter)
      try (NDArray diff = shadow.sub(parameters.get(i))) {
        shadow.subi(diff.muli(1 - d));
      }
    }
  }

  /**
   * Writes the averages into the parameters, in place, so that models built over them see the averages.
   * Call outside any gradient collector, as the optimizer's own in-place updates are.
   */
  void copyToParameters() {
    for (int i = 0; i < parameters.size(); i++) {
      parameters.get(i).muli(0).addi(shadows.get(i));
    }
  }

  /** Updates taken so far. */
  int updates() {
    return updates;
  }

  @Override
  public void close() {
    shadows.forEach(NDArray::close);
  }
}
