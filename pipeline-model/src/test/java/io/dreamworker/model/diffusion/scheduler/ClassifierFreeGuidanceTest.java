package io.dreamworker.model.diffusion.scheduler;

import static io.dreamworker.model.diffusion.scheduler.TestConfigs.gaussian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierFreeGuidanceTest {

  @Test
  void stackedPair_takesTheUnconditionalHalfFirst() {
    try (NDManager m = NDManager.newBaseManager()) {
      // rows 0-1 unconditional (1, 2), rows 2-3 conditional (3, 6)
      NDArray stacked = m.create(new float[] {1, 2, 3, 6}, new Shape(4, 1));
      NDArray guided = new ClassifierFreeGuidance(7.5).apply(stacked);
      assertThat(guided.getShape()).isEqualTo(new Shape(2, 1));
      assertThat(guided.toFloatArray()).containsExactly(1 + 7.5f * 2, 2 + 7.5f * 4);
    }
  }

  @Test
  void scaleOne_returnsTheConditionalPrediction() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray uncond = gaussian(m, 1, 2, 4, 4, 4);
      NDArray cond = gaussian(m, 2, 2, 4, 4, 4);
      float[] guided = new ClassifierFreeGuidance(1).apply(uncond, cond).toFloatArray();
      float[] expected = cond.toFloatArray();
      for (int i = 0; i < expected.length; i++) {
        assertThat(guided[i]).isCloseTo(expected[i], within(1e-6f));
      }
    }
  }

  @Test
  void rowsWithTheirOwnScales_areGuidedSeparately() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray uncond = m.zeros(new Shape(2, 3));
      NDArray cond = m.ones(new Shape(2, 3));
      NDArray guided = ClassifierFreeGuidance.applyRows(
          uncond, cond, List.of(new ClassifierFreeGuidance(2), new ClassifierFreeGuidance(9)));
      assertThat(guided.toFloatArray()).containsExactly(2, 2, 2, 9, 9, 9);
    }
  }

  @Test
  void fullRescale_givesEachRowTheConditionalStandardDeviation() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray uncond = gaussian(m, 3, 2, 4, 8, 8);
      NDArray cond = gaussian(m, 4, 2, 4, 8, 8).mul(2f);
      NDArray guided = new ClassifierFreeGuidance(7.5, 1.0).apply(uncond, cond);
      for (int r = 0; r < 2; r++) {
        assertThat(std(guided.get(r).toFloatArray())).isCloseTo(std(cond.get(r).toFloatArray()), within(1e-4));
      }
    }
  }

  @Test
  void partialRescale_mixesRescaledAndPlainGuidance() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray uncond = gaussian(m, 5, 1, 16);
      NDArray cond = gaussian(m, 6, 1, 16);
      float[] plain = new ClassifierFreeGuidance(5).apply(uncond, cond).toFloatArray();
      float[] full = new ClassifierFreeGuidance(5, 1).apply(uncond, cond).toFloatArray();
      float[] mixed = new ClassifierFreeGuidance(5, 0.7).apply(uncond, cond).toFloatArray();
      for (int i = 0; i < plain.length; i++) {
        assertThat(mixed[i]).isCloseTo(0.7f * full[i] + 0.3f * plain[i], within(1e-5f));
      }
    }
  }

  @Test
  void oddStack_fails() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray stacked = m.zeros(new Shape(3, 4));
      assertThatThrownBy(() -> new ClassifierFreeGuidance(7.5).apply(stacked))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("[2B, ...]");
    }
  }

  @Test
  void rescaleOutsideUnitInterval_fails() {
    assertThatThrownBy(() -> new ClassifierFreeGuidance(7.5, 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("guidance_rescale=1.5");
  }

  /** Unbiased, as torch.std. */
  private static double std(float[] x) {
    double mean = 0;
    for (float v : x) {
      mean += v;
    }
    mean /= x.length;
    double ss = 0;
    for (float v : x) {
      ss += (v - mean) * (v - mean);
    }
    return Math.sqrt(ss / (x.length - 1));
  }
}
