package io.dreamworker.model.diffusion.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BetaScheduleTest {

  @Test
  void configNames_roundTrip() {
    for (BetaSchedule s : BetaSchedule.values()) {
      assertThat(BetaSchedule.fromConfig(s.configName())).isEqualTo(s);
    }
    assertThat(BetaSchedule.fromConfig("scaled_linear")).isEqualTo(BetaSchedule.SCALED_LINEAR);
  }

  @Test
  void unknownSchedule_failsSuggestingTrainedBetas() {
    assertThatThrownBy(() -> BetaSchedule.fromConfig("laplace"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'laplace'")
        .hasMessageContaining("trained_betas");
  }
}
