package io.dreamworker.model.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class SinusoidalTimestepEmbeddingTest {

  @Test
  void flipSinToCos_putsCosinesFirstWithFrequenciesFromOneDownTo10000PowMinusOneHalf() {
    try (NDManager m = NDManager.newBaseManager()) {
      // dim 4 → half 2, frequencies exp(-ln(10000) * i / 2) = 1, 0.01.
      SinusoidalTimestepEmbedding e = new SinusoidalTimestepEmbedding(4, true, 0);

      float[] y = e.apply(m.create(new long[] {0, 3})).toFloatArray();

      assertThat(y).containsExactly(new float[] {
        1, 1, 0, 0,
        (float) Math.cos(3), (float) Math.cos(0.03), (float) Math.sin(3), (float) Math.sin(0.03)
      }, within(1e-6f));
    }
  }

  @Test
  void withoutFlip_freqShiftOne_oddDim_sinesFirstShiftedFrequenciesAndAZeroPad() {
    try (NDManager m = NDManager.newBaseManager()) {
      // dim 5 → half 2, frequencies exp(-ln(10000) * i / (2 - 1)) = 1, 1e-4.
      SinusoidalTimestepEmbedding e = new SinusoidalTimestepEmbedding(5, false, 1);

      float[] y = e.apply(m.create(new float[] {2.5f})).toFloatArray();

      assertThat(y).containsExactly(new float[] {
        (float) Math.sin(2.5), (float) Math.sin(2.5e-4), (float) Math.cos(2.5), (float) Math.cos(2.5e-4), 0
      }, within(1e-6f));
    }
  }

  @Test
  void eachRow_isEmbeddedAtItsOwnTimestep() {
    try (NDManager m = NDManager.newBaseManager()) {
      SinusoidalTimestepEmbedding e = new SinusoidalTimestepEmbedding(16, true, 0);

      NDArray both = e.apply(m.create(new long[] {999, 1}));

      assertThat(both.get(0).toFloatArray()).containsExactly(e.apply(m.create(new long[] {999})).toFloatArray());
      assertThat(both.get(1).toFloatArray()).containsExactly(e.apply(m.create(new long[] {1})).toFloatArray());
    }
  }
}
