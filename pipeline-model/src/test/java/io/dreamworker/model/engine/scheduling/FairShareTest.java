package io.dreamworker.model.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FairShareTest {

  private static FairShare withWeights(int decode, int diffusion) {
    Map<Stage, Integer> weights = new EnumMap<>(Stage.class);
    for (Stage s : Stage.values()) {
      weights.put(s, 1);
    }
    weights.put(Stage.DECODE, decode);
    weights.put(Stage.DIFFUSION, diffusion);
    return new FairShare(weights);
  }

  @Test
  void nothingReady_picksNothing() {
    assertThat(withWeights(1, 1).pick(Set.of())).isEmpty();
  }

  @Test
  void equalWeightsAndCosts_alternate() {
    FairShare fair = withWeights(1, 1);
    Set<Stage> both = EnumSet.of(Stage.DECODE, Stage.DIFFUSION);

    assertThat(fair.pick(both)).hasValue(Stage.DECODE);
    assertThat(fair.pick(both)).hasValue(Stage.DIFFUSION);
    assertThat(fair.pick(both)).hasValue(Stage.DECODE);
    assertThat(fair.pick(both)).hasValue(Stage.DIFFUSION);
  }

  @Test
  void deviceTime_isSharedByWeight_notByTurns() {
    FairShare fair = withWeights(1, 1);
    Set<Stage> both = EnumSet.of(Stage.DECODE, Stage.DIFFUSION);
    long[] time = new long[Stage.values().length];
    for (int i = 0; i < 2_000; i++) {
      Stage s = fair.pick(both).orElseThrow();
      long took = s == Stage.DIFFUSION ? 40_000_000 : 10_000_000;
      fair.recordExecution(s, took);
      time[s.ordinal()] += took;
    }

    double diffusionShare = (double) time[Stage.DIFFUSION.ordinal()]
        / (time[Stage.DIFFUSION.ordinal()] + time[Stage.DECODE.ordinal()]);
    assertThat(diffusionShare).isCloseTo(0.5, within(0.02));
  }

  @Test
  void weights_setTheShares() {
    FairShare fair = withWeights(3, 1);
    Set<Stage> both = EnumSet.of(Stage.DECODE, Stage.DIFFUSION);
    int decodes = 0;
    for (int i = 0; i < 400; i++) {
      if (fair.pick(both).orElseThrow() == Stage.DECODE) {
        decodes++;
      }
    }

    assertThat(decodes).isBetween(298, 302);
  }

  @Test
  void stageReturningFromIdle_banksNoCredit() {
    FairShare fair = withWeights(1, 1);
    for (int i = 0; i < 100; i++) {
      fair.pick(EnumSet.of(Stage.DECODE));
    }
    int diffusionsInARow = 0;
    Set<Stage> both = EnumSet.of(Stage.DECODE, Stage.DIFFUSION);
    while (fair.pick(both).orElseThrow() == Stage.DIFFUSION) {
      diffusionsInARow++;
    }

    assertThat(diffusionsInARow).isLessThanOrEqualTo(1);
  }

  @Test
  void costEstimate_followsMeasurements_andClampsAtTheFloor() {
    FairShare fair = withWeights(1, 1);
    for (int i = 0; i < 200; i++) {
      fair.recordExecution(Stage.VISION, 2_000_000);
      fair.recordExecution(Stage.DREAM, 0);
    }

    assertThat(fair.costEstimateNanos(Stage.VISION)).isCloseTo(2_000_000, within(1.0));
    assertThat(fair.costEstimateNanos(Stage.DREAM)).isCloseTo(FairShare.MIN_COST_NANOS, within(1.0));
    assertThat(fair.costEstimateNanos(Stage.DECODE)).isEqualTo(FairShare.INITIAL_COST_ESTIMATE_NANOS);
  }

  @Test
  void negativeDuration_isRejected() {
    assertThatThrownBy(() -> withWeights(1, 1).recordExecution(Stage.DECODE, -5))
        .hasMessageContaining("-5 ns");
  }
}
