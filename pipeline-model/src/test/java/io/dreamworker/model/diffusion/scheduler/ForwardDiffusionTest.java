package io.dreamworker.model.diffusion.scheduler;

import static io.dreamworker.model.diffusion.scheduler.TestConfigs.gaussian;
import static io.dreamworker.model.diffusion.scheduler.TestConfigs.sd21;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class ForwardDiffusionTest {
  private final NoiseSchedule schedule = sd21("DDPMScheduler").noiseSchedule();

  @Test
  void addNoise_mixesEachRowAtItsOwnTimestep() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x0 = gaussian(m, 1, 2, 4, 4, 4);
      NDArray eps = gaussian(m, 2, 2, 4, 4, 4);
      NDArray noisy = ForwardDiffusion.addNoise(schedule, x0, eps, 10, 900);
      int[] timesteps = {10, 900};
      for (int r = 0; r < 2; r++) {
        double a = schedule.alphaCumprod(timesteps[r]);
        float[] x = x0.get(r).toFloatArray();
        float[] e = eps.get(r).toFloatArray();
        float[] out = noisy.get(r).toFloatArray();
        for (int i = 0; i < x.length; i++) {
          assertThat((double) out[i]).isCloseTo(Math.sqrt(a) * x[i] + Math.sqrt(1 - a) * e[i], within(1e-5));
        }
      }
    }
  }

  @Test
  void velocity_recoversTheCleanSampleFromTheNoisyOne() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x0 = gaussian(m, 3, 1, 4, 4, 4);
      NDArray eps = gaussian(m, 4, 1, 4, 4, 4);
      int t = 600;
      NDArray xt = ForwardDiffusion.addNoise(schedule, x0, eps, t);
      NDArray v = ForwardDiffusion.velocity(schedule, x0, eps, t);
      double a = schedule.alphaCumprod(t);
      // x0 = sqrt(a) x_t - sqrt(1 - a) v
      float[] recovered = xt.mul((float) Math.sqrt(a)).sub(v.mul((float) Math.sqrt(1 - a))).toFloatArray();
      float[] expected = x0.toFloatArray();
      for (int i = 0; i < expected.length; i++) {
        assertThat(recovered[i]).isCloseTo(expected[i], within(1e-5f));
      }
    }
  }

  @Test
  void timestepOutsideTheSchedule_fails() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = gaussian(m, 1, 1, 4);
      assertThatThrownBy(() -> ForwardDiffusion.addNoise(schedule, x, x, 1000))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("timestep 1000");
    }
  }

  @Test
  void wrongTimestepCount_fails() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = gaussian(m, 1, 3, 4);
      assertThatThrownBy(() -> ForwardDiffusion.addNoise(schedule, x, x, 1, 2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("one timestep per row");
    }
  }
}
