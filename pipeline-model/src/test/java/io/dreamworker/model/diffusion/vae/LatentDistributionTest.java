package io.dreamworker.model.diffusion.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class LatentDistributionTest {

  @Test
  void fromMoments_splitsChannelsIntoMeanAndClampedLogvar() {
    try (NDManager m = NDManager.newBaseManager()) {
      // [B=1, 2 * 2 channels, 1, 1]: mean (1, 2), logvar (-100, 50) → clamped to (-30, 20).
      NDArray moments = m.create(new float[] {1, 2, -100, 50}, new Shape(1, 4, 1, 1));

      LatentDistribution d = LatentDistribution.fromMoments(moments);

      assertThat(d.mean().toFloatArray()).containsExactly(1, 2);
      assertThat(d.logvar().toFloatArray()).containsExactly(-30, 20);
    }
  }

  @Test
  void sample_isMeanPlusStdTimesNoise() {
    try (NDManager m = NDManager.newBaseManager()) {
      LatentDistribution d = new LatentDistribution(
          m.create(new float[] {1, -1}), m.create(new float[] {0, (float) Math.log(4)}));

      NDArray z = d.sample(m.create(new float[] {0.5f, -2f}));

      assertThat(z.toFloatArray()).containsExactly(new float[] {1.5f, -5f}, within(1e-6f));
    }
  }

  @Test
  void seededSample_isReproducibleAndStandardNormalAroundTheMean() {
    try (NDManager m = NDManager.newBaseManager()) {
      LatentDistribution d = new LatentDistribution(m.full(new Shape(1, 4, 50, 50), 3f), m.zeros(new Shape(1, 4, 50, 50)));

      float[] a = d.sample(7L).toFloatArray();
      float[] b = d.sample(7L).toFloatArray();
      float[] c = d.sample(8L).toFloatArray();

      assertThat(a).containsExactly(b);
      assertThat(a).isNotEqualTo(c);
      double mean = 0;
      double sq = 0;
      for (float v : a) {
        mean += v - 3;
        sq += (v - 3) * (v - 3);
      }
      mean /= a.length;
      assertThat(mean).isCloseTo(0, within(0.05));
      assertThat(sq / a.length - mean * mean).isCloseTo(1, within(0.05));
    }
  }
}
