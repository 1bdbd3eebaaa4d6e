package io.dreamworker.model.diffusion.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PredictionTypeTest {

  @Test
  void configNames_roundTrip() {
    for (PredictionType p : PredictionType.values()) {
      assertThat(PredictionType.fromConfig(p.configName())).isEqualTo(p);
    }
  }

  @Test
  void unknownType_failsListingTheSupportedOnes() {
    assertThatThrownBy(() -> PredictionType.fromConfig("v-prediction"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'v-prediction'")
        .hasMessageContaining("epsilon, sample, v_prediction");
  }
}
