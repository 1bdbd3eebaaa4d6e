package io.dreamworker.model.diffusion.scheduler;

import static io.dreamworker.model.diffusion.scheduler.TestConfigs.gaussian;
import static io.dreamworker.model.diffusion.scheduler.TestConfigs.perfectOutput;
import static io.dreamworker.model.diffusion.scheduler.TestConfigs.relativeError;
import static io.dreamworker.model.diffusion.scheduler.TestConfigs.sd21;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DdimSchedulerTest {

  @Test
  void etaZero_stepsDeterministicallyWithoutDrawingNoise() {
    DdimScheduler ddim = (DdimScheduler) sd21("DDIMScheduler");
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = gaussian(m, 1, 1, 4, 8, 8);
      NDArray first = run(ddim, m, x);
      NDArray second = run(ddim, m, x);
      assertThat(second.toFloatArray()).containsExactly(first.toFloatArray());
    }
  }

  @Property
  void etaZero_noStepDrawsNoise(@ForAll @IntRange(min = 1, max = 1000) int steps, @ForAll TimestepSpacing spacing) {
    DdimScheduler ddim = (DdimScheduler) sd21("DDIMScheduler", spacingField(spacing), "\"steps_offset\": 0");
    InferenceSchedule s = ddim.schedule(steps);
    for (int i = 0; i < s.size(); i++) {
      StepCoefficients c = s.coefficients(i, 0);
      assertThat(c.drawsNoise()).isFalse();
      assertThat(c.noiseScale()).isZero();
      assertThat(c).isEqualTo(s.coefficients(i, 0));
    }
  }

  /**
   * Under a perfect model, x_t = sqrt(a) x0 + sqrt(1 - a) eps steps to a sample whose x0 weight is
   * sqrt(a_prev) and whose eps weight and noise scale make up the variance 1 - a_prev (to float32
   * precision, see {@link #float32Tolerance}).
   */
  @Property
  void perfectModel_preservesTheForwardMarginal(
      @ForAll @IntRange(min = 1, max = 999) int steps, @ForAll TimestepSpacing spacing,
      @ForAll PredictionType type, @ForAll @DoubleRange(min = 0, max = 1) double eta) {
    DdimScheduler ddim = (DdimScheduler) sd21("DDIMScheduler", spacingField(spacing), predictionField(type));
    NoiseSchedule noise = ddim.noiseSchedule();
    InferenceSchedule s = ddim.schedule(steps, eta);
    for (int i = 0; i < s.size(); i++) {
      int t = s.timestep(i);
      int prev = t - 1000 / steps;
      double aPrev = prev >= 0 ? noise.alphaCumprod(prev) : noise.alphaCumprod(0);
      double[] w = weights(s.coefficients(i, 0), type, noise.alphaCumprod(t));
      double tolerance = float32Tolerance(noise.alphaCumprod(t));
      assertThat(w[0]).as("x0 weight at t=%d", t).isCloseTo(Math.sqrt(aPrev), within(tolerance));
      double variance = w[1] * w[1] + s.coefficients(i, 0).noiseScale() * s.coefficients(i, 0).noiseScale();
      assertThat(variance).as("variance at t=%d", t).isCloseTo(1 - aPrev, within(tolerance));
    }
  }

  @ParameterizedTest
  @CsvSource({
      "epsilon, leading, false", "sample, leading, false", "v_prediction, leading, false",
      "epsilon, trailing, false", "v_prediction, linspace, false", "v_prediction, trailing, true"})
  void perfectModel_landsOnTheNoisedCleanSampleAtEachPreviousTimestep(String type, String spacing, boolean zeroSnr) {
    DdimScheduler ddim = (DdimScheduler) sd21("DDIMScheduler", "\"prediction_type\": \"" + type + "\"",
        "\"timestep_spacing\": \"" + spacing + "\"", "\"rescale_betas_zero_snr\": " + zeroSnr,
        "\"set_alpha_to_one\": true");
    PredictionType prediction = PredictionType.fromConfig(type);
    int steps = 10;
    try (NDManager m = NDManager.newBaseManager();
        SchedulerState state = ddim.start(m, steps, NoiseSource.none())) {
      NDArray x0 = gaussian(m, 3, 1, 4, 8, 8);
      NDArray eps = gaussian(m, 4, 1, 4, 8, 8);
      if (zeroSnr) {
        assertThat(ddim.noiseSchedule().alphaCumprod(999)).isZero();
      }
      while (!state.finished()) {
        int t = state.timestep();
        NDArray xt = ddim.addNoise(x0, eps, t);
        NDArray next = state.step(perfectOutput(ddim, prediction, x0, eps, t), xt);
        int prev = t - 1000 / steps;
        NDArray expected = prev >= 0 ? ddim.addNoise(x0, eps, prev) : x0;
        assertThat(relativeError(next, expected)).as("step from t=%d", t).isLessThan(1e-5);
      }
    }
  }

  @Test
  void clipSample_clampsThePredictedCleanSampleButNotTheNoiseDirection() {
    DdimScheduler ddim = (DdimScheduler) sd21("DDIMScheduler", "\"prediction_type\": \"sample\"",
        "\"clip_sample\": true", "\"clip_sample_range\": 1.5");
    NoiseSchedule noise = ddim.noiseSchedule();
    try (NDManager m = NDManager.newBaseManager();
        SchedulerState state = ddim.start(m, 10, NoiseSource.none())) {
      int t = state.timestep();
      int prev = t - 100;
      NDArray sample = m.full(new Shape(1, 4), 0.5f);
      NDArray output = m.full(new Shape(1, 4), 3f);
      float next = state.step(output, sample).toFloatArray()[0];
      double a = noise.alphaCumprod(t);
      double aPrev = noise.alphaCumprod(prev);
      double eps = (0.5 - Math.sqrt(a) * 3) / Math.sqrt(1 - a);
      assertThat((double) next).isCloseTo(Math.sqrt(aPrev) * 1.5 + Math.sqrt(1 - aPrev) * eps, within(1e-5));
    }
  }

  @Test
  void positiveEta_drawsNoiseAtEveryStepScaledByEtaTimesTheDdpmDeviation() {
    DdimScheduler ddim = (DdimScheduler) sd21("DDIMScheduler");
    NoiseSchedule noise = ddim.noiseSchedule();
    InferenceSchedule s = ddim.schedule(12, 0.5);
    AtomicInteger draws = new AtomicInteger();
    try (NDManager m = NDManager.newBaseManager();
        SchedulerState state = SchedulerState.start(s, (mm, shape) -> {
          draws.incrementAndGet();
          return mm.zeros(shape);
        }, m)) {
      NDArray x = gaussian(m, 1, 1, 4, 4, 4);
      while (!state.finished()) {
        x = state.step(x.mul(0.3f), x);
      }
    }
    assertThat(draws).hasValue(12);
    int t = s.timestep(0);
    double a = noise.alphaCumprod(t);
    double aPrev = noise.alphaCumprod(t - 83);
    double variance = (1 - aPrev) / (1 - a) * (1 - a / aPrev);
    assertThat(s.coefficients(0, 0).noiseScale()).isCloseTo(0.5 * Math.sqrt(variance), within(1e-7));
  }

  @Test
  void negativeEta_failsNamingIt() {
    DdimScheduler ddim = (DdimScheduler) sd21("DDIMScheduler");
    assertThatThrownBy(() -> ddim.schedule(10, -0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("eta=-0.1");
  }

  @Test
  void thresholding_failsNamingTheFieldAndTheFix() {
    assertThatThrownBy(() -> sd21("DDIMScheduler", "\"thresholding\": true"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DDIMScheduler")
        .hasMessageContaining("thresholding=true")
        .hasMessageContaining("\"thresholding\": false");
  }

  @Test
  void initNoiseSigmaAndScaleModelInput_areTheIdentity() {
    Scheduler ddim = sd21("DDIMScheduler");
    assertThat(ddim.initNoiseSigma()).isEqualTo(1f);
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.ones(new Shape(2));
      assertThat(ddim.scaleModelInput(x, 500)).isSameAs(x);
    }
  }

  private static NDArray run(DdimScheduler ddim, NDManager m, NDArray x) {
    try (SchedulerState state = ddim.start(m, 12, NoiseSource.none())) {
      while (!state.finished()) {
        float s = (float) Math.sin(state.timestep() / 100.0);
        x = state.step(x.mul(0.3f).add(0.1f * s), x);
      }
      return x;
    }
  }

  /** The weights on x0 and eps of a step's result when x_t = sqrt(a) x0 + sqrt(1 - a) eps and the model is perfect. */
  static double[] weights(StepCoefficients c, PredictionType type, double a) {
    double sa = Math.sqrt(a);
    double sb = Math.sqrt(1 - a);
    // output = p x0 + q eps
    double p = switch (type) { case EPSILON -> 0; case SAMPLE -> 1; case V_PREDICTION -> -sb; };
    double q = switch (type) { case EPSILON -> 1; case SAMPLE -> 0; case V_PREDICTION -> sa; };
    double x0Weight = c.foldedSample() * sa + c.foldedOutput() * p;
    double epsWeight = c.foldedSample() * sb + c.foldedOutput() * q;
    return new double[] {x0Weight, epsWeight};
  }

  /**
   * How far the reference's float32 step weights may stray from the exact identity: a_t carries a
   * rounding error of about 6e-8, which 1 - a_t (small near t = 0) magnifies.
   */
  static double float32Tolerance(double alphaCumprod) {
    return 1e-6 + 1.2e-7 / (1 - alphaCumprod);
  }

  static String spacingField(TimestepSpacing spacing) {
    return "\"timestep_spacing\": \"" + spacing.configName() + "\"";
  }

  static String predictionField(PredictionType type) {
    return "\"prediction_type\": \"" + type.configName() + "\"";
  }
}
