package io.dreamworker.model.diffusion.scheduler;

import static io.dreamworker.model.diffusion.scheduler.DdimSchedulerTest.predictionField;
import static io.dreamworker.model.diffusion.scheduler.DdimSchedulerTest.spacingField;
import static io.dreamworker.model.diffusion.scheduler.DdimSchedulerTest.weights;
import static io.dreamworker.model.diffusion.scheduler.TestConfigs.gaussian;
import static io.dreamworker.model.diffusion.scheduler.TestConfigs.perfectOutput;
import static io.dreamworker.model.diffusion.scheduler.TestConfigs.relativeError;
import static io.dreamworker.model.diffusion.scheduler.TestConfigs.sd21;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DpmSolverMultistepSchedulerTest {
  private static final String DPM = "DPMSolverMultistepScheduler";

  /**
   * With a perfect model x0 is the same at every step, so each (first- or second-order) step is
   * exact: it lands on alpha_next x0 + sigma_next eps.
   */
  @Property
  void perfectModel_landsOnTheNextNoiseLevel(
      @ForAll @IntRange(min = 1, max = 999) int steps, @ForAll TimestepSpacing spacing,
      @ForAll PredictionType type, @ForAll boolean heun) {
    Scheduler dpm = sd21(DPM, spacingField(spacing), predictionField(type), "\"steps_offset\": 0",
        "\"solver_type\": \"" + (heun ? "heun" : "midpoint") + "\"");
    NoiseSchedule noise = dpm.noiseSchedule();
    InferenceSchedule s = dpm.schedule(steps);
    for (int i = 0; i < s.size(); i++) {
      StepCoefficients c = s.coefficients(i, i);
      double[] w = weights(c, type, noise.alphaCumprod(s.timestep(i)));
      double aNext = i + 1 < s.size() ? noise.alphaCumprod(s.timestep(i + 1)) : 1;
      // The previous x0 is the same x0.
      assertThat(w[0] + c.prevFromPreviousX0()).as("x0 weight at step %d", i).isCloseTo(Math.sqrt(aNext), within(1e-5));
      assertThat(w[1]).as("eps weight at step %d", i).isCloseTo(Math.sqrt(1 - aNext), within(1e-5));
    }
  }

  @ParameterizedTest
  @CsvSource({"epsilon, midpoint", "sample, midpoint", "v_prediction, midpoint", "v_prediction, heun"})
  void perfectModelTrajectory_endsOnTheCleanSample(String type, String solver) {
    Scheduler dpm = sd21(DPM, "\"prediction_type\": \"" + type + "\"", "\"solver_type\": \"" + solver + "\"");
    PredictionType prediction = PredictionType.fromConfig(type);
    try (NDManager m = NDManager.newBaseManager();
        SchedulerState state = dpm.start(m, 20, NoiseSource.none())) {
      NDArray x0 = gaussian(m, 5, 1, 4, 8, 8);
      NDArray eps = gaussian(m, 6, 1, 4, 8, 8);
      NDArray x = dpm.addNoise(x0, eps, state.timestep());
      while (!state.finished()) {
        x = state.step(perfectOutput(dpm, prediction, x0, eps, state.timestep()), x);
      }
      assertThat(relativeError(x, x0)).isLessThan(1e-5);
    }
  }

  @Test
  void firstStep_isFirstOrderAndLaterStepsSecondOrder() {
    InferenceSchedule s = sd21(DPM).schedule(20);
    assertThat(s.maxHistory()).isEqualTo(2);
    assertThat(s.coefficients(0, 0).usesPreviousX0()).isFalse();
    assertThat(s.coefficients(0, 0).keepsX0()).isTrue();
    assertThat(s.coefficients(5, 2).usesPreviousX0()).isTrue();
    // A request that joined late (no previous x0 yet) steps first order.
    assertThat(s.coefficients(5, 0).usesPreviousX0()).isFalse();
  }

  @Test
  void lastStepToZeroSigma_isFirstOrderAndKeepsNothing() {
    InferenceSchedule s = sd21(DPM).schedule(20);
    StepCoefficients last = s.coefficients(19, 2);
    assertThat(last.usesPreviousX0()).isFalse();
    assertThat(last.keepsX0()).isFalse();
    // sigma_next = 0: the result is the data prediction itself.
    assertThat(last.prevFromSample()).isZero();
    assertThat(last.prevFromX0()).isEqualTo(1.0);
  }

  @Test
  void lastStepToSigmaMinWithManySteps_staysSecondOrder() {
    InferenceSchedule s = sd21(DPM, "\"final_sigmas_type\": \"sigma_min\"").schedule(20);
    assertThat(s.coefficients(19, 2).usesPreviousX0()).isTrue();
    assertThat(s.coefficients(19, 2).prevFromSample()).isPositive();
  }

  @Test
  void solverOrderOne_neverUsesThePreviousX0() {
    InferenceSchedule s = sd21(DPM, "\"solver_order\": 1").schedule(20);
    for (int i = 0; i < 20; i++) {
      assertThat(s.coefficients(i, 1).usesPreviousX0()).isFalse();
      assertThat(s.coefficients(i, 1).keepsX0()).isFalse();
    }
  }

  @Test
  void lambdaMinClipped_dropsTheNoisiestTimesteps() {
    InferenceSchedule clipped = sd21(DPM, "\"lambda_min_clipped\": -2.0", "\"timestep_spacing\": \"linspace\"").schedule(10);
    InferenceSchedule full = sd21(DPM, "\"timestep_spacing\": \"linspace\"").schedule(10);
    assertThat(full.timestep(0)).isEqualTo(999);
    assertThat(clipped.timestep(0)).isLessThan(999);
    double a = sd21(DPM).noiseSchedule().alphaCumprod(clipped.timestep(0));
    assertThat(0.5 * Math.log(a / (1 - a))).isGreaterThanOrEqualTo(-2.0);
  }

  @Test
  void negativeInfinityInConfigJson_parses() {
    DpmSolverMultistepScheduler dpm = (DpmSolverMultistepScheduler) Schedulers.fromJson(
        "{\"_class_name\": \"DPMSolverMultistepScheduler\", \"lambda_min_clipped\": -Infinity}");
    assertThat(dpm.config().lambdaMinClipped()).isEqualTo(Double.NEGATIVE_INFINITY);
  }

  @Test
  void defaultSpacing_isLinspaceAsInDiffusers() {
    DpmSolverMultistepScheduler dpm = (DpmSolverMultistepScheduler) Schedulers.fromJson(
        "{\"_class_name\": \"DPMSolverMultistepScheduler\"}");
    assertThat(dpm.config().timestepSpacing()).isEqualTo(TimestepSpacing.LINSPACE);
    assertThat(dpm.schedule(10).timestep(0)).isEqualTo(999);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "\"algorithm_type\": \"sde-dpmsolver++\"", "\"solver_order\": 3", "\"use_karras_sigmas\": true",
      "\"thresholding\": true", "\"variance_type\": \"learned_range\"", "\"use_flow_sigmas\": true",
      "\"final_sigmas_type\": \"sigma_max\"", "\"prediction_type\": \"flow_prediction\""})
  void unsupportedOption_failsNamingIt(String option) {
    String field = option.substring(1, option.indexOf('"', 1));
    assertThatThrownBy(() -> sd21(DPM, option))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DPMSolverMultistepScheduler")
        .hasMessageContaining(field);
  }
}
