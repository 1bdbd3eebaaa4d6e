package io.dreamworker.model.diffusion.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatentUpdateTest {

  /** x0 = output, prev = x0 + 0.5 * sample, with the given clip range. */
  private static StepCoefficients sampleStep(double clipRange) {
    return new StepCoefficients(1, 0, 1, clipRange, 0.5, 0, 1, 0, 0, false, false);
  }

  @Test
  void rowsWithTheirOwnClipRanges_areClippedSeparately() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray sample = m.ones(new Shape(2, 3));
      NDArray output = m.full(new Shape(2, 3), 4f);
      LatentUpdate.Result r = new LatentUpdate(List.of(sampleStep(1.0), sampleStep(Double.POSITIVE_INFINITY)), sample)
          .apply(sample, output, null, null);
      assertThat(r.prev().toFloatArray()).containsExactly(1.5f, 1.5f, 1.5f, 4.5f, 4.5f, 4.5f);
      assertThat(r.x0().toFloatArray()).containsExactly(1, 1, 1, 4, 4, 4);
    }
  }

  @Test
  void uniformRows_giveTheSameResultAsOneRequest() {
    try (NDManager m = NDManager.newBaseManager()) {
      StepCoefficients c = new StepCoefficients(5, 1.2, -0.3, Double.POSITIVE_INFINITY, 0.1, 0.2, 0.9, 0.4, 0.05, true, true);
      NDArray sample = m.arange(8f).reshape(2, 4);
      NDArray output = m.arange(8f).reshape(2, 4).mul(-0.5f);
      NDArray previous = m.ones(new Shape(2, 4));
      NDArray noise = m.full(new Shape(2, 4), 2f);
      float[] batched = new LatentUpdate(List.of(c, c), sample).apply(sample, output, previous, noise).prev().toFloatArray();
      float[] single = new LatentUpdate(List.of(c), sample).apply(sample, output, previous, noise).prev().toFloatArray();
      float[] s = sample.toFloatArray();
      float[] o = output.toFloatArray();
      for (int i = 0; i < 8; i++) {
        double x0 = 1.2 * s[i] - 0.3 * o[i];
        double expected = 0.1 * s[i] + 0.2 * o[i] + 0.9 * x0 + 0.4 + 0.05 * 2;
        assertThat((double) batched[i]).isCloseTo(expected, within(1e-5));
        assertThat(single[i]).isEqualTo(batched[i]);
      }
    }
  }
}
