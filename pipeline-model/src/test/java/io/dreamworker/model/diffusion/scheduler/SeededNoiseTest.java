package io.dreamworker.model.diffusion.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class SeededNoiseTest {

  @Test
  void sameSeed_drawsTheSameSequenceWhateverTheShape() {
    try (NDManager m = NDManager.newBaseManager()) {
      SeededNoise batched = new SeededNoise(11);
      SeededNoise alone = new SeededNoise(11);
      for (int i = 0; i < 3; i++) {
        float[] a = batched.next(m, new Shape(4, 8, 8)).toFloatArray();
        float[] b = alone.next(m, new Shape(1, 4, 8, 8)).toFloatArray();
        assertThat(a).containsExactly(b);
      }
    }
  }

  @Test
  void draws_areStandardNormalFloat32() {
    try (NDManager m = NDManager.newBaseManager()) {
      var draw = new SeededNoise(3).next(m, new Shape(100_000));
      assertThat(draw.getDataType()).isEqualTo(DataType.FLOAT32);
      float[] v = draw.toFloatArray();
      double mean = 0;
      double sq = 0;
      for (float x : v) {
        mean += x;
        sq += (double) x * x;
      }
      mean /= v.length;
      assertThat(mean).isCloseTo(0, within(0.02));
      assertThat(sq / v.length - mean * mean).isCloseTo(1, within(0.02));
    }
  }

  @Test
  void differentSeeds_drawDifferentNoise() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] a = new SeededNoise(1).next(m, new Shape(16)).toFloatArray();
      float[] b = new SeededNoise(2).next(m, new Shape(16)).toFloatArray();
      assertThat(a).isNotEqualTo(b);
    }
  }
}
