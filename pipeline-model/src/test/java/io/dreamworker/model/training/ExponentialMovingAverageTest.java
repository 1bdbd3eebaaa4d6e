package io.dreamworker.model.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dreamworker.model.nn.Linear;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ExponentialMovingAverageTest {

  @Test
  void decayWarmsUpAsDiffusersEmaModelDoes_thenHoldsTheConfiguredDecay() {
    assertThat(ExponentialMovingAverage.decayAt(0.999f, 0)).isCloseTo(0.1f, Offset.offset(1e-7f));
    assertThat(ExponentialMovingAverage.decayAt(0.999f, 10)).isCloseTo(11f / 20, Offset.offset(1e-7f));
    assertThat(ExponentialMovingAverage.decayAt(0.999f, 100_000)).isEqualTo(0.999f);
  }

  @Property
  void decayNeverFallsAsUpdatesGo_andNeverExceedsTheConfiguredOne(
      @ForAll @FloatRange(min = 0.01f, max = 0.9999f) @net.jqwik.api.constraints.Scale(4) float decay, @ForAll @IntRange(max = 1_000_000) int n) {
    float d = ExponentialMovingAverage.decayAt(decay, n);
    assertThat(d).isLessThanOrEqualTo(decay).isLessThanOrEqualTo(ExponentialMovingAverage.decayAt(decay, n + 1));
  }

  @Test
  void averagesTheParametersOverUpdates_andWritesTheAverageBackInPlace() {
    try (NDManager m = NDManager.newBaseManager()) {
      TrainableParameters p = TrainableParameters.initialise(m, 1, w -> Linear.load(w, "proj", 1, 1, false));
      NDArray weight = p.arrays().get("proj.weight");
      float start = weight.getFloat(0, 0);
      double expected = start;
      try (ExponentialMovingAverage ema = new ExponentialMovingAverage(0.5f, List.of(p))) {
        for (int n = 0; n < 6; n++) {
          float value = start + n + 1;
          weight.muli(0).addi(value);
          ema.update();
          double d = ExponentialMovingAverage.decayAt(0.5f, n);
          expected = d * expected + (1 - d) * value;
        }
        assertThat(ema.updates()).isEqualTo(6);
        assertThat(weight.getFloat(0, 0)).isEqualTo(start + 6);
        ema.copyToParameters();
      }
      assertThat((double) weight.getFloat(0, 0)).isCloseTo(expected, Offset.offset(1e-5));
      assertThat(weight.hasGradient()).as("still a trainable array").isTrue();
    }
  }

  @Test
  void aDecayOutsideTheOpenUnitInterval_isRefused() {
    try (NDManager m = NDManager.newBaseManager()) {
      TrainableParameters p = TrainableParameters.initialise(m, 1, w -> Linear.load(w, "proj", 1, 1, false));
      assertThatThrownBy(() -> new ExponentialMovingAverage(1f, List.of(p)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1)");
      assertThatThrownBy(() -> new ExponentialMovingAverage(0f, List.of(p)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
