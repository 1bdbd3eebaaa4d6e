package io.dreamworker.model.training;

import ai.djl.ndarray.NDArray;
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
      double squares = 0;
      List<String> nonFinite = new ArrayList<>();
      for (Map.Entry<String, NDArray> p : parameters) {
        NDArray g = p.getValue().getGradient();
        grads.add(g);
        double square;
        // Both temporaries are closed: they live in the parameters' run-long manager, and an unclosed
        // square leaked a copy of every gradient each step (7 MB a denoising step).
        try (NDArray squared = g.square(); NDArray s = squared.sum()) {
          square = s.getFloat();
        }
        if (!Double.isFinite(square)) {
          nonFinite.add(p.getKey());
        }
        squares += square;
      }
      if (!nonFinite.isEmpty()) {
        throw new TrainingDivergedException("the gradients of " + nonFinite.size() + " of " + parameters.size()
            + " tensors are not finite at step " + (steps + 1) + " (" + String.join(", ", nonFinite.subList(0,
            Math.min(8, nonFinite.size()))) + (nonFinite.size() > 8 ? ", ..." : "")
            + "); lower the learning rate or the gradient clip");
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
}
