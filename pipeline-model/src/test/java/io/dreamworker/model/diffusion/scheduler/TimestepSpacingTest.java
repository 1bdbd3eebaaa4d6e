package io.dreamworker.model.diffusion.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TimestepSpacingTest {
  private static final int T = 1000;

  @Test
  void leadingTwelveStepsWithOffset_matchesTheFixture() {
    // 1000 // 12 = 83; arange(12) * 83 reversed, + 1.
    assertThat(TimestepSpacing.LEADING.timesteps(T, 12, 1))
        .containsExactly(914, 831, 748, 665, 582, 499, 416, 333, 250, 167, 84, 1);
  }

  @Test
  void leadingFiftySteps_stepsByTwenty() {
    int[] t = TimestepSpacing.LEADING.timesteps(T, 50, 1);
    assertThat(t).hasSize(50);
    assertThat(t[0]).isEqualTo(49 * 20 + 1);
    assertThat(t[49]).isEqualTo(1);
  }

  @Test
  void trailingTenSteps_startAtTheLastTrainingTimestep() {
    // round(arange(1000, 0, -100)) - 1
    assertThat(TimestepSpacing.TRAILING.timesteps(T, 10, 0))
        .containsExactly(999, 899, 799, 699, 599, 499, 399, 299, 199, 99);
  }

  @Test
  void trailingTwentyFiveAndFiftySteps_stepByFortyAndTwenty() {
    int[] t25 = TimestepSpacing.TRAILING.timesteps(T, 25, 0);
    int[] t50 = TimestepSpacing.TRAILING.timesteps(T, 50, 0);
    for (int i = 0; i < 25; i++) {
      assertThat(t25[i]).isEqualTo(1000 - 40 * i - 1);
    }
    for (int i = 0; i < 50; i++) {
      assertThat(t50[i]).isEqualTo(1000 - 20 * i - 1);
    }
    assertThat(t25).hasSize(25);
    assertThat(t50).hasSize(50);
  }

  @Test
  void trailingIgnoresStepsOffset() {
    assertThat(TimestepSpacing.TRAILING.timesteps(T, 10, 1)).isEqualTo(TimestepSpacing.TRAILING.timesteps(T, 10, 0));
  }

  @Test
  void trailingSixtyOneSteps_dropsNumpysExtraMinusOne() {
    // np.arange(1000, 0, -1000/61) has 62 values; the last rounds to 0, i.e. timestep -1.
    int[] t = TimestepSpacing.TRAILING.timesteps(T, 61, 0);
    assertThat(t).hasSize(61);
    assertThat(t[0]).isEqualTo(999);
    assertThat(t[60]).isEqualTo(15);
  }

  @Test
  void linspaceTenSteps_areMultiplesOf111() {
    assertThat(TimestepSpacing.LINSPACE.timesteps(T, 10, 0))
        .containsExactly(999, 888, 777, 666, 555, 444, 333, 222, 111, 0);
  }

  @Test
  void linspaceTwentyFiveSteps_roundHalfToEven() {
    // i * 999/24 = i * 41.625 (exact in binary); 166.5 -> 166, 499.5 -> 500, 832.5 -> 832.
    assertThat(TimestepSpacing.LINSPACE.timesteps(T, 25, 0)).containsExactly(
        999, 957, 916, 874, 832, 791, 749, 708, 666, 624, 583, 541, 500,
        458, 416, 375, 333, 291, 250, 208, 166, 125, 83, 42, 0);
  }

  @Test
  void linspaceFiftySteps_matchNumpy() {
    assertThat(TimestepSpacing.LINSPACE.timesteps(T, 50, 0)).containsExactly(
        999, 979, 958, 938, 917, 897, 877, 856, 836, 816, 795, 775, 754, 734, 714, 693, 673, 652, 632, 612,
        591, 571, 550, 530, 510, 489, 469, 449, 428, 408, 387, 367, 347, 326, 306, 285, 265, 245, 224, 204,
        183, 163, 143, 122, 102, 82, 61, 41, 20, 0);
  }

  @Test
  void solverLeadingTwelveSteps_useThirteenPointsAndDropZero() {
    // 1000 // 13 = 76; (arange(13) * 76) reversed without the last, + 1.
    assertThat(TimestepSpacing.LEADING.solverTimesteps(T, T, 12, 1))
        .containsExactly(913, 837, 761, 685, 609, 533, 457, 381, 305, 229, 153, 77);
  }

  @Test
  void solverLinspaceTenSteps_dropTheZeroOfElevenPoints() {
    // linspace(0, 999, 11) = i * 99.9 -> 999, 899.1, ..., 599.4, 499.5 (half to even: 500), ..., 99.9
    assertThat(TimestepSpacing.LINSPACE.solverTimesteps(T, T, 10, 0))
        .containsExactly(999, 899, 799, 699, 599, 500, 400, 300, 200, 100);
  }

  @Test
  void solverTrailingWithClippedLastTimestep_startsBelowIt() {
    // arange(900, 0, -100) - 1
    assertThat(TimestepSpacing.TRAILING.solverTimesteps(T, 900, 10, 0))
        .containsExactly(899, 799, 699, 599, 499, 399, 299, 199, 99);
  }

  @Test
  void moreStepsThanTrainingTimesteps_failsNamingBoth() {
    assertThatThrownBy(() -> TimestepSpacing.LEADING.timesteps(T, 1001, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("num_inference_steps=1001")
        .hasMessageContaining("num_train_timesteps=1000");
  }

  @Test
  void zeroSteps_fails() {
    assertThatThrownBy(() -> TimestepSpacing.TRAILING.timesteps(T, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("num_inference_steps=0");
  }

  @Test
  void leadingEveryTimestepWithOffset_failsOutsideRange() {
    assertThatThrownBy(() -> TimestepSpacing.LEADING.timesteps(T, 1000, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gives timestep 1000")
        .hasMessageContaining("steps_offset=1");
  }

  @Test
  void solverLinspaceAsManyStepsAsTimesteps_failsOnRepeats() {
    assertThatThrownBy(() -> TimestepSpacing.LINSPACE.solverTimesteps(T, T, 1000, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("repeats timestep");
  }

  @Test
  void unknownSpacing_failsListingTheSupportedOnes() {
    assertThatThrownBy(() -> TimestepSpacing.fromConfig("karras"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'karras'")
        .hasMessageContaining("leading, trailing, linspace");
  }

  @Property
  void anyStepCountAndSpacing_givesStrictlyDecreasingTimestepsInRangeOfTheRequestedCount(
      @ForAll @IntRange(min = 1, max = T) int steps, @ForAll TimestepSpacing spacing) {
    assertValid(spacing.timesteps(T, steps, 0), steps);
  }

  @Property
  void anyStepCountBelowTheTrainingLengthWithOffsetOne_isValid(
      @ForAll @IntRange(min = 1, max = T - 1) int steps, @ForAll TimestepSpacing spacing) {
    assertValid(spacing.timesteps(T, steps, 1), steps);
  }

  @Property
  void anySolverStepCountBelowTheTrainingLength_isValid(
      @ForAll @IntRange(min = 1, max = T - 1) int steps, @ForAll TimestepSpacing spacing) {
    assertValid(spacing.solverTimesteps(T, T, steps, 0), steps);
  }

  @Property
  void anyTrainingLengthAndStepCount_isValid(
      @ForAll @IntRange(min = 2, max = 4000) int trainTimesteps, @ForAll @IntRange(min = 1, max = 4000) int steps,
      @ForAll TimestepSpacing spacing) {
    Assume.that(steps <= trainTimesteps);
    int[] t = spacing.timesteps(trainTimesteps, steps, 0);
    assertThat(t).hasSize(steps);
    assertThat(t[t.length - 1]).isGreaterThanOrEqualTo(0);
    assertThat(t[0]).isLessThan(trainTimesteps);
    for (int i = 1; i < t.length; i++) {
      assertThat(t[i]).isLessThan(t[i - 1]);
    }
  }

  private static void assertValid(int[] t, int steps) {
    assertThat(t).hasSize(steps);
    for (int i = 0; i < t.length; i++) {
      assertThat(t[i]).isBetween(0, T - 1);
      if (i > 0) {
        assertThat(t[i]).isLessThan(t[i - 1]);
      }
    }
  }
}
