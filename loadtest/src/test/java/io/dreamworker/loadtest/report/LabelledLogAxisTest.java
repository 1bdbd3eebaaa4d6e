package io.dreamworker.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelledLogAxisTest {

  @Test
  void rangeOfManyDecades_getsDecadeTicks() {
    List<LabelledLogAxis.Tick> ticks = LabelledLogAxis.niceTicks(0.9, 2_000_000, Units::latencyTick);

    assertThat(ticks).extracting(LabelledLogAxis.Tick::label)
        .containsExactly("1 ms", "10 ms", "100 ms", "1 s", "10 s", "100 s", "1000 s");
  }

  @Test
  void rangeOfTwoDecades_getsOneTwoFiveTicks() {
    List<LabelledLogAxis.Tick> ticks = LabelledLogAxis.niceTicks(300, 20_000, Units::latencyTick);

    assertThat(ticks).extracting(LabelledLogAxis.Tick::label)
        .containsExactly("500 ms", "1 s", "2 s", "5 s", "10 s", "20 s");
  }

  @Test
  void narrowRange_getsFinerTicks() {
    List<LabelledLogAxis.Tick> ticks = LabelledLogAxis.niceTicks(700, 2_400, Units::latencyTick);

    assertThat(ticks).extracting(LabelledLogAxis.Tick::label).containsExactly("700 ms", "800 ms", "900 ms", "1 s", "1.2 s", "1.5 s", "2 s");
  }

  @Test
  void invalidRange_getsNoTicks() {
    assertThat(LabelledLogAxis.niceTicks(0, 10, Units::latencyTick)).isEmpty();
    assertThat(LabelledLogAxis.niceTicks(10, 10, Units::latencyTick)).isEmpty();
  }

  @Test
  void fittedFlatCurve_spansAtLeastAFactorOfFour() {
    LabelledLogAxis axis = LabelledLogAxis.latencyMs("latency");

    axis.fit(1_000, 1_000);

    assertThat(axis.getUpperBound() / axis.getLowerBound()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(1e-9));
  }
}
