package io.dreamworker.model.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.diffusion.scheduler.NoiseSchedule;
import io.dreamworker.model.diffusion.scheduler.NoiseScheduleConfig;
import io.dreamworker.model.diffusion.scheduler.PredictionType;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.FloatRange;
import org.junit.jupiter.api.Test;

class DiffusionTargetsLossTest {

  @Test
  void minSnrWeights_capTheCleanTimestepsPerPredictionType() {
    double[] snr = {0.5, 5, 20};
    assertThat(DiffusionTargets.minSnrWeights(snr, 5, PredictionType.EPSILON))
        .containsExactly(new float[] {1f, 1f, 0.25f}, within(1e-6f));
    assertThat(DiffusionTargets.minSnrWeights(snr, 5, PredictionType.V_PREDICTION))
        .containsExactly(new float[] {0.5f / 1.5f, 5f / 6f, 5f / 21f}, within(1e-6f));
    assertThat(DiffusionTargets.minSnrWeights(snr, 5, PredictionType.SAMPLE))
        .containsExactly(new float[] {0.5f, 5f, 5f}, within(1e-6f));
  }

  @Test
  void minSnrWeights_weighAPureNoiseTimestepOneForEpsilon() {
    assertThat(DiffusionTargets.minSnrWeights(new double[] {0}, 5, PredictionType.EPSILON)).containsExactly(1f);
    assertThat(DiffusionTargets.minSnrWeights(new double[] {0}, 5, PredictionType.V_PREDICTION)).containsExactly(0f);
  }

  @Property
  void minSnrWeights_ofEpsilonAndV_areInZeroToOne(@ForAll @DoubleRange(min = 1e-6, max = 1e6) @net.jqwik.api.constraints.Scale(8) double snr,
      @ForAll @FloatRange(min = 0.01f, max = 100) float gamma) {
    for (PredictionType p : new PredictionType[] {PredictionType.EPSILON, PredictionType.V_PREDICTION}) {
      float w = DiffusionTargets.minSnrWeights(new double[] {snr}, gamma, p)[0];
      assertThat(w).isGreaterThan(0f).isLessThanOrEqualTo(1f);
    }
  }

  @Test
  void loss_isThePlainMeanWithoutGamma_andTheWeightedMeanOfRowErrorsWithIt() {
    try (NDManager m = NDManager.newBaseManager()) {
      Shape shape = new Shape(2, 1, 2, 2);
      NDArray target = m.zeros(shape);
      // Row 0 is off by 1 everywhere, row 1 by 3: row errors 1 and 9.
      NDArray predicted = m.create(new float[] {1, 1, 1, 1, 3, 3, 3, 3}, shape);
      DiffusionTargets.Noised noised = new DiffusionTargets.Noised(m.zeros(shape), target, m.create(new int[] {10, 900}),
          new double[] {20, 0.5});
      DiffusionTargets targets = new DiffusionTargets(null, 1, NoiseSchedule.of(NoiseScheduleConfig.stableDiffusion21()),
          PredictionType.EPSILON);

      assertThat(targets.loss(predicted, noised, 0).getFloat()).isCloseTo(5f, within(1e-6f));
      // Epsilon weights at gamma 5: 5 / 20 for row 0, 1 for row 1.
      assertThat(targets.loss(predicted, noised, 5).getFloat())
          .isCloseTo((0.25f * 1 + 1 * 9) / 2, within(1e-6f));
    }
  }
}
