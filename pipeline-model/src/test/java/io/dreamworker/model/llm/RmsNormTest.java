package io.dreamworker.model.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class RmsNormTest {

  @Test
  void apply_dividesByTheRootMeanSquareAndScales() {
    try (NDManager m = NDManager.newBaseManager()) {
      RmsNorm norm = new RmsNorm(m.create(new float[] {1f, 2f}), 1e-6f);
      NDArray x = m.create(new float[] {3f, 4f, 0f, 0f}, new Shape(2, 2));

      float[] y = norm.apply(x).toFloatArray();

      double rms = Math.sqrt((9 + 16) / 2.0 + 1e-6);
      assertThat(y[0]).isCloseTo((float) (3 / rms), within(1e-6f));
      assertThat(y[1]).isCloseTo((float) (2 * 4 / rms), within(1e-6f));
      // A zero row stays zero: eps keeps the division finite.
      assertThat(y[2]).isZero();
      assertThat(y[3]).isZero();
    }
  }

  @Test
  void float16Input_isNormalisedInFloat32AndReturnedInItsType() {
    try (NDManager m = NDManager.newBaseManager()) {
      RmsNorm norm = new RmsNorm(m.create(new float[] {1f, 1f}).toType(DataType.FLOAT16, false), 1e-6f);
      // 300^2 overflows float16's range, so the statistics must be float32.
      NDArray x = m.create(new float[] {300f, 400f}).toType(DataType.FLOAT16, false);

      NDArray y = norm.apply(x);

      assertThat(y.getDataType()).isEqualTo(DataType.FLOAT16);
      float[] values = y.toType(DataType.FLOAT32, false).toFloatArray();
      double rms = Math.sqrt((300.0 * 300 + 400.0 * 400) / 2);
      assertThat(values[0]).isCloseTo((float) (300 / rms), within(2e-3f));
      assertThat(values[1]).isCloseTo((float) (400 / rms), within(2e-3f));
    }
  }
}
