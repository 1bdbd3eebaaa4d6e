package io.dreamworker.model.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.optimizer.Adam;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adam (DJL's fused update) over the arrays of one or more {@link TrainableParameters}, with the
 * gradients clipped to a global norm first (as diffusers' and transformers' training scripts do) and
 * zeroed after the update, since the engine accumulates gradients across backward passes.
 *
 * <p>Not thread-safe: one training loop owns it.
 */
public final class AdamOptimizer {
  private final Adam adam;
  private final float maxGradNorm;
  private final List<Map.Entry<String, NDArray>> parameters = new ArrayList<>();
  private int steps;

  /**
   * @param schedule the learning rate per step
   * @param maxGradNorm the global gradient norm above which gradients are scaled down; 0 disables clipping
   * @param trained the parameters this optimizer updates (names must be distinct across them)
   */
  public AdamOptimizer(LearningRateSchedule schedule, float maxGradNorm, TrainableParameters... trained) {
    this.adam = Adam.builder().optLearningRateTracker(schedule).optBeta1(0.9f).optBeta2(0.999f)
        .optEpsilon(1e-8f).build();
    this.maxGradNorm = maxGradNorm;
    for (TrainableParameters p : trained) {
      parameters.addAll(p.arrays().entrySet());
    }
  }

  /** Steps taken so far. */
  public int steps() {
    return steps;
  }

  /**
   * Applies one update from the gradients of the last backward pass and zeroes them. Parameters that
   * took no part in the pass have zero gradients; Adam still decays their moments.
   *
   * @return the global gradient norm before clipping
   */
  public float step() {
    List<NDArray> grads = new ArrayList<>(parameters.size());
    try {
      for (Map.Entry<String, NDArray> p : parameters) {
        grads.add(p.getValue().getGradient());
      }
      double squares = sumOfSquares(grads);
      if (!Double.isFinite(squares)) {
        throw diverged(grads);
      }
      float norm = (float) Math.sqrt(squares);
      if (maxGradNorm > 0 && norm > maxGradNorm) {
        for (NDArray g : grads) {
          g.muli(maxGradNorm / norm);
        }
      }
      for (int i = 0; i < parameters.size(); i++) {
        adam.update(parameters.get(i).getKey(), parameters.get(i).getValue(), grads.get(i));
        grads.get(i).subi(grads.get(i));
      }
      steps++;
      return norm;
    } finally {
      grads.forEach(NDArray::close);
    }
  }

  /**
   * The squared global norm, read back once: reading each tensor's sum to the host was 325 round trips
   * a denoising step, about a fifth of the optimizer's time.
   */
  private static double sumOfSquares(List<NDArray> grads) {
    NDArray total = null;
    try {
      for (NDArray g : grads) {
        // Each tensor's sum is widened before it is added, so the norm is the one a double accumulator on the
        // host gives (clipping, and so every run's weights, stay as they were).
        try (NDArray squared = g.square(); NDArray sum = squared.sum(); NDArray s = sum.toType(DataType.FLOAT64, false)) {
          if (total == null) {
            total = s.duplicate();
          } else {
            total.addi(s);
          }
        }
      }
      return total == null ? 0 : total.getDouble();
    } finally {
      if (total != null) {
        total.close();
      }
    }
  }

  /** The failure of a step whose gradients are not all finite, naming the tensors (the slow path). */
  private TrainingDivergedException diverged(List<NDArray> grads) {
    List<String> nonFinite = new ArrayList<>();
    for (int i = 0; i < grads.size(); i++) {
      try (NDArray squared = grads.get(i).square(); NDArray s = squared.sum()) {
        if (!Float.isFinite(s.getFloat())) {
          nonFinite.add(parameters.get(i).getKey());
        }
      }
    }
    return new TrainingDivergedException("the gradients of " + nonFinite.size() + " of " + parameters.size()
        + " tensors are not finite at step " + (steps + 1) + " (" + String.join(", ", nonFinite.subList(0,
        Math.min(8, nonFinite.size()))) + (nonFinite.size() > 8 ? ", ..." : "")
        + "); lower the learning rate or the gradient clip");
  }
}
