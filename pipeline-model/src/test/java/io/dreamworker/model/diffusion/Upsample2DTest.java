package io.dreamworker.model.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Checked with kernels that pick one input pixel, so each output value names where it was read. */
class Upsample2DTest {

  /** A 3x3 kernel for one channel that picks the input pixel at kernel offset (dy, dx). */
  private static Conv2d picker(NDManager m, int dy, int dx, int stride, int padding) {
    float[] k = new float[9];
    k[3 * dy + dx] = 1;
    return new Conv2d(m.create(k, new Shape(1, 1, 3, 3)), m.zeros(new Shape(1)), stride, padding);
  }

  @Test
  void upsample_repeatsEachPixelIntoA2x2Square() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));

      assertThat(Upsample2D.nearest2x(x).toFloatArray()).containsExactly(
          1, 1, 2, 2,
          1, 1, 2, 2,
          3, 3, 4, 4,
          3, 3, 4, 4);
    }
  }

  @Test
  void upsampleToOddSize_keepsTorchNearestRowsAndDropsTheLast() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 2, 2));
      Upsample2D up = new Upsample2D(picker(m, 1, 1, 1, 1));

      NDArray y = up.apply(x, 3, 4);

      // torch nearest to size 3 from 2 reads rows floor(j * 2 / 3) = 0, 0, 1.
      assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 3, 4));
      assertThat(y.toFloatArray()).containsExactly(1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4);
    }
  }

  @Test
  void upsampleToASizeNoDownPathProduces_failsWithTheSizes() {
    try (NDManager m = NDManager.newBaseManager()) {
      Upsample2D up = new Upsample2D(picker(m, 1, 1, 1, 1));

      assertThatThrownBy(() -> up.apply(m.zeros(new Shape(1, 1, 2, 2)), 5, 4))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("2x2 to 5x4");
    }
  }
}
