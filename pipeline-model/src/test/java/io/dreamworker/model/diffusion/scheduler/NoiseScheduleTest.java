package io.dreamworker.model.diffusion.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class NoiseScheduleTest {

  @Test
  void stableDiffusion21_matchesTheFloat64Products() {
    NoiseSchedule s = NoiseSchedule.of(NoiseScheduleConfig.stableDiffusion21());
    assertThat(s.numTrainTimesteps()).isEqualTo(1000);
    // Reference values: the same products in float64.
    assertThat((double) s.alphaCumprod(0)).isCloseTo(0.99915, within(1e-7));
    assertThat((double) s.alphaCumprod(500)).isCloseTo(0.2763326838229746, Percentage.withPercentage(1e-3));
    assertThat((double) s.alphaCumprod(999)).isCloseTo(0.004660098513077234, Percentage.withPercentage(1e-3));
    assertThat((double) s.beta(999)).isCloseTo(0.012, within(1e-9));
  }

  @Test
  void linear_hitsBothEndsExactly() {
    NoiseSchedule s = NoiseSchedule.of(new NoiseScheduleConfig(1000, 1e-4, 0.02, BetaSchedule.LINEAR, null, false));
    assertThat(s.beta(0)).isEqualTo(1e-4f);
    assertThat(s.beta(999)).isEqualTo(0.02f);
    assertThat((double) s.beta(500)).isCloseTo(1e-4 + 500 * (0.02 - 1e-4) / 999, within(1e-9));
  }

  @Test
  void squaredCosine_capsBetaAt0999() {
    NoiseSchedule s = NoiseSchedule.of(new NoiseScheduleConfig(1000, 1e-4, 0.02, BetaSchedule.SQUAREDCOS_CAP_V2, null, false));
    assertThat(s.beta(999)).isEqualTo(0.999f);
    assertThat((double) s.beta(0)).isCloseTo(4.128422482196914e-05, Percentage.withPercentage(1e-4));
    assertThat((double) s.alphaCumprod(999)).isCloseTo(2.4287669070348567e-09, Percentage.withPercentage(0.1));
  }

  @Test
  void zeroTerminalSnr_endsAtAlphaZeroAndKeepsTheStart() {
    NoiseScheduleConfig plain = NoiseScheduleConfig.stableDiffusion21();
    NoiseSchedule rescaled = NoiseSchedule.of(new NoiseScheduleConfig(
        1000, 0.00085, 0.012, BetaSchedule.SCALED_LINEAR, null, true));
    assertThat(rescaled.alphaCumprod(999)).isZero();
    assertThat(rescaled.beta(999)).isEqualTo(1f);
    assertThat((double) rescaled.alphaCumprod(0)).isCloseTo(NoiseSchedule.of(plain).alphaCumprod(0), within(1e-6));
    for (int t = 1; t < 1000; t++) {
      assertThat(rescaled.alphaCumprod(t)).isLessThan(rescaled.alphaCumprod(t - 1));
    }
  }

  @Test
  void trainedBetas_areUsedAsGiven() {
    double[] betas = {0.1, 0.2, 0.3};
    NoiseSchedule s = NoiseSchedule.of(new NoiseScheduleConfig(3, 1e-4, 0.02, BetaSchedule.LINEAR, betas, false));
    assertThat(s.betas()).containsExactly(0.1f, 0.2f, 0.3f);
    assertThat((double) s.alphaCumprod(2)).isCloseTo(0.9 * 0.8 * 0.7, within(1e-7));
  }

  @Property
  void anyScheduleAndLength_decreasesStrictlyWithinTheUnitInterval(
      @ForAll @IntRange(min = 2, max = 3000) int timesteps, @ForAll BetaSchedule schedule, @ForAll boolean zeroSnr) {
    NoiseSchedule s = NoiseSchedule.of(new NoiseScheduleConfig(timesteps, 0.00085, 0.012, schedule, null, zeroSnr));
    float[] a = s.alphasCumprod();
    assertThat(a[0]).isLessThan(1f).isPositive();
    for (int t = 1; t < a.length; t++) {
      assertThat(a[t]).as("alphas_cumprod[%d]", t).isLessThan(a[t - 1]).isGreaterThanOrEqualTo(0f);
    }
  }

  @Test
  void torchLinspace_splitsAtHalfway() {
    float[] l = NoiseSchedule.torchLinspace(0f, 1f, 4);
    assertThat(l).containsExactly(0f, 1f / 3, 1f - 1f / 3, 1f);
  }
}
