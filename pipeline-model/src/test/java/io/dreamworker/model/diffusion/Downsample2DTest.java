package io.dreamworker.model.diffusion;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Checked with kernels that pick one input pixel, so each output value names where it was read. */
class Downsample2DTest {

  /** A 3x3 kernel for one channel that picks the input pixel at kernel offset (dy, dx). */
  private static Conv2d picker(NDManager m, int dy, int dx, int stride, int padding) {
    float[] k = new float[9];
    k[3 * dy + dx] = 1;
    return new Conv2d(m.create(k, new Shape(1, 1, 3, 3)), m.zeros(new Shape(1)), stride, padding);
  }

  @Test
  void downsamplePaddingZero_padsOnlyBottomAndRight() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.arange(1f, 17f).reshape(1, 1, 4, 4);
      // The bottom-right tap of output (i, j) reads input (2i + 2, 2j + 2): row/column 4 is padding.
      Downsample2D down = new Downsample2D(picker(m, 2, 2, 2, 0));

      NDArray y = down.apply(x);

      assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 2, 2));
      assertThat(y.toFloatArray()).containsExactly(11, 0, 0, 0);
    }
  }

  @Test
  void downsamplePaddingOne_padsSymmetrically() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.arange(1f, 17f).reshape(1, 1, 4, 4);
      Downsample2D down = new Downsample2D(picker(m, 0, 0, 2, 1));

      NDArray y = down.apply(x);

      // The top-left tap of output (i, j) reads input (2i - 1, 2j - 1).
      assertThat(y.toFloatArray()).containsExactly(0, 0, 0, 6);
    }
  }
}
