package io.dreamworker.model.diffusion.scheduler;

import static io.dreamworker.model.diffusion.scheduler.DdimSchedulerTest.float32Tolerance;
import static io.dreamworker.model.diffusion.scheduler.DdimSchedulerTest.predictionField;
import static io.dreamworker.model.diffusion.scheduler.DdimSchedulerTest.spacingField;
import static io.dreamworker.model.diffusion.scheduler.DdimSchedulerTest.weights;
import static io.dreamworker.model.diffusion.scheduler.TestConfigs.gaussian;
import static io.dreamworker.model.diffusion.scheduler.TestConfigs.sd21;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class DdpmSchedulerTest {

  /**
   * The posterior q(x_prev | x_t, x0) of a perfect model keeps the forward marginal: weight
   * sqrt(a_prev) on x0, and eps weight and noise together the variance 1 - a_prev (to float32
   * precision: near t = 0 the reference's scalars lose digits in 1 - a_t, so the bound grows as 1 / (1 - a_t)).
   */
  @Property
  void perfectModel_preservesTheForwardMarginal(
      @ForAll @IntRange(min = 1, max = 999) int steps, @ForAll TimestepSpacing spacing, @ForAll PredictionType type) {
    DdpmScheduler ddpm = (DdpmScheduler) sd21("DDPMScheduler", spacingField(spacing), predictionField(type));
    NoiseSchedule noise = ddpm.noiseSchedule();
    InferenceSchedule s = ddpm.schedule(steps);
    for (int i = 0; i < s.size(); i++) {
      int t = s.timestep(i);
      double aPrev = i + 1 < s.size() ? noise.alphaCumprod(s.timestep(i + 1)) : 1;
      StepCoefficients c = s.coefficients(i, 0);
      double[] w = weights(c, type, noise.alphaCumprod(t));
      double tolerance = float32Tolerance(noise.alphaCumprod(t));
      assertThat(w[0]).as("x0 weight at t=%d", t).isCloseTo(Math.sqrt(aPrev), within(tolerance));
      assertThat(w[1] * w[1] + c.noiseScale() * c.noiseScale())
          .as("variance at t=%d", t).isCloseTo(1 - aPrev, within(tolerance));
    }
  }

  @Test
  void lastStepAtTimestepZero_drawsNoNoise() {
    Scheduler ddpm = sd21("DDPMScheduler", "\"steps_offset\": 0");
    AtomicInteger draws = new AtomicInteger();
    try (NDManager m = NDManager.newBaseManager();
        SchedulerState state = ddpm.start(m, 10, (mm, shape) -> {
          draws.incrementAndGet();
          return mm.zeros(shape);
        })) {
      assertThat(state.schedule().timestep(9)).isZero();
      NDArray x = gaussian(m, 1, 1, 4, 4, 4);
      while (!state.finished()) {
        x = state.step(x.mul(0.3f), x);
      }
    }
    assertThat(draws).hasValue(9);
  }

  @Test
  void sameSeed_givesTheSameTrajectory() {
    Scheduler ddpm = sd21("DDPMScheduler");
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = gaussian(m, 1, 1, 4, 8, 8);
      float[] a = run(ddpm, m, x, 42);
      assertThat(run(ddpm, m, x, 42)).containsExactly(a);
      assertThat(run(ddpm, m, x, 43)).isNotEqualTo(a);
    }
  }

  @Test
  void fixedLarge_usesTheStepsBetaAsVariance() {
    DdpmScheduler ddpm = (DdpmScheduler) sd21("DDPMScheduler", "\"variance_type\": \"fixed_large\"");
    InferenceSchedule s = ddpm.schedule(10);
    double a = ddpm.noiseSchedule().alphaCumprod(s.timestep(3));
    double aPrev = ddpm.noiseSchedule().alphaCumprod(s.timestep(4));
    assertThat(s.coefficients(3, 0).noiseScale()).isCloseTo(Math.sqrt(1 - a / aPrev), within(1e-7));
  }

  @Test
  void fixedSmallLog_equalsFixedSmall() {
    InferenceSchedule small = sd21("DDPMScheduler").schedule(10);
    InferenceSchedule log = sd21("DDPMScheduler", "\"variance_type\": \"fixed_small_log\"").schedule(10);
    for (int i = 0; i < 10; i++) {
      assertThat(log.coefficients(i, 0).noiseScale()).isCloseTo(small.coefficients(i, 0).noiseScale(), within(1e-6));
    }
  }

  @Test
  void learnedVariance_failsNamingTheSupportedTypes() {
    assertThatThrownBy(() -> sd21("DDPMScheduler", "\"variance_type\": \"learned_range\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DDPMScheduler config field 'variance_type'")
        .hasMessageContaining("fixed_small");
  }

  @Test
  void clipSampleDefault_isOnAsInDiffusers() {
    DdpmScheduler ddpm = (DdpmScheduler) Schedulers.fromJson("{\"_class_name\": \"DDPMScheduler\"}");
    assertThat(ddpm.config().clipSample()).isTrue();
    assertThat(ddpm.schedule(10).coefficients(0, 0).clipRange()).isEqualTo(1.0);
  }

  private static float[] run(Scheduler ddpm, NDManager m, NDArray x, long seed) {
    try (SchedulerState state = ddpm.start(m, 8, new SeededNoise(seed))) {
      while (!state.finished()) {
        x = state.step(x.mul(0.3f), x);
      }
      return x.toFloatArray();
    }
  }
}
