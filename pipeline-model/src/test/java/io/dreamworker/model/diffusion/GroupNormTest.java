package io.dreamworker.model.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.weights.MemorySource;
import io.dreamworker.model.weights.Weights;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupNormTest {

  @Test
  void twoGroups_normaliseEachGroupByItsBiasedVarianceThenApplyPerChannelAffine() {
    try (NDManager m = NDManager.newBaseManager()) {
      float eps = 1e-5f;
      // [B=1, C=4, H=1, W=2]; groups of two channels.
      NDArray x = m.create(new float[] {1, 2, 3, 4, 10, 10, 10, 14}, new Shape(1, 4, 1, 2));
      GroupNorm norm = new GroupNorm(
          m.create(new float[] {1, 2, 1, 1}), m.create(new float[] {0, 0, 1, 0}), 2, eps);

      float[] y = norm.apply(x).toFloatArray();

      // Group 0 = {1, 2, 3, 4}: mean 2.5, biased variance 1.25 (the unbiased one would be 5/3).
      double s0 = Math.sqrt(1.25 + eps);
      // Group 1 = {10, 10, 10, 14}: mean 11, biased variance 3.
      double s1 = Math.sqrt(3 + eps);
      double[] expected = {
        -1.5 / s0, -0.5 / s0, 2 * 0.5 / s0, 2 * 1.5 / s0,
        -1 / s1 + 1, -1 / s1 + 1, -1 / s1, 3 / s1
      };
      for (int i = 0; i < expected.length; i++) {
        assertThat((double) y[i]).as("element %d", i).isCloseTo(expected[i], within(1e-5));
      }
    }
  }

  @Test
  void batchRows_areNormalisedIndependently() {
    try (NDManager m = NDManager.newBaseManager()) {
      GroupNorm norm = new GroupNorm(m.ones(new Shape(2)), m.zeros(new Shape(2)), 1, 0f);
      NDArray x = m.create(new float[] {0, 2, 100, 300}, new Shape(2, 2));

      assertThat(norm.apply(x).toFloatArray()).containsExactly(new float[] {-1, 1, -1, 1}, within(1e-5f));
    }
  }

  @Test
  void load_groupsThatDoNotDivideChannels_failsNamingTheModuleAndTheField() {
    try (NDManager m = NDManager.newBaseManager()) {
      Weights w = Weights.of(new MemorySource(Map.of(
          "norm.weight", m.ones(new Shape(6)), "norm.bias", m.zeros(new Shape(6)))), m);

      assertThatThrownBy(() -> GroupNorm.load(w, "norm", 6, 4, 1e-5f))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'norm'")
          .hasMessageContaining("norm_num_groups");
    }
  }
}
