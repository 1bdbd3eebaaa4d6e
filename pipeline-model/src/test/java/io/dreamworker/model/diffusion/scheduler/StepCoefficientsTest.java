package io.dreamworker.model.diffusion.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StepCoefficientsTest {

  @Test
  void folding_putsTheX0TermOnSampleAndOutput() {
    StepCoefficients c = new StepCoefficients(10, 2, 3, Double.POSITIVE_INFINITY, 0.5, 0.25, 4, 0, 0, false, false);
    assertThat(c.foldedSample()).isEqualTo(0.5 + 4 * 2);
    assertThat(c.foldedOutput()).isEqualTo(0.25 + 4 * 3);
    assertThat(c.clips()).isFalse();
    assertThat(c.needsX0()).isFalse();
  }

  @Test
  void clippingOrKeeping_needsX0() {
    assertThat(new StepCoefficients(1, 1, 0, 1.0, 0, 0, 1, 0, 0, false, false).needsX0()).isTrue();
    assertThat(new StepCoefficients(1, 1, 0, Double.POSITIVE_INFINITY, 0, 0, 1, 0, 0, false, true).needsX0()).isTrue();
  }

  @Test
  void x0FromEachPrediction_invertsTheForwardProcess() {
    double a = 0.3;
    double sa = Math.sqrt(a);
    double sb = Math.sqrt(1 - a);
    double x0 = 0.7;
    double eps = -1.1;
    double xt = sa * x0 + sb * eps;
    double[] fromEps = StepCoefficients.x0From(PredictionType.EPSILON, sa, sb);
    double[] fromV = StepCoefficients.x0From(PredictionType.V_PREDICTION, sa, sb);
    double[] fromSample = StepCoefficients.x0From(PredictionType.SAMPLE, sa, sb);
    assertThat(fromEps[0] * xt + fromEps[1] * eps).isCloseTo(x0, within(1e-12));
    assertThat(fromV[0] * xt + fromV[1] * (sa * eps - sb * x0)).isCloseTo(x0, within(1e-12));
    assertThat(fromSample[0] * xt + fromSample[1] * x0).isEqualTo(x0);
  }
}
