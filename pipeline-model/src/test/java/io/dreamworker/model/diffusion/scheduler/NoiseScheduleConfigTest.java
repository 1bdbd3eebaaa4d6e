package io.dreamworker.model.diffusion.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class NoiseScheduleConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void emptyConfig_takesDiffusersDefaults() throws Exception {
    NoiseScheduleConfig c = NoiseScheduleConfig.fromJson(JSON.readTree("{}"));
    assertThat(c).isEqualTo(new NoiseScheduleConfig(1000, 0.0001, 0.02, BetaSchedule.LINEAR, null, false));
  }

  @Test
  void nullTrainedBetas_meanNone() throws Exception {
    NoiseScheduleConfig c = NoiseScheduleConfig.fromJson(JSON.readTree("{\"trained_betas\": null}"));
    assertThat(c.trainedBetas()).isNull();
  }

  @Test
  void trainedBetasOfTheWrongLength_failNamingBothLengths() {
    assertThatThrownBy(() -> NoiseScheduleConfig.fromJson(JSON.readTree(
        "{\"_class_name\": \"DDIMScheduler\", \"num_train_timesteps\": 4, \"trained_betas\": [0.1, 0.2]}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DDIMScheduler")
        .hasMessageContaining("trained_betas has 2 values but num_train_timesteps=4");
  }

  @Test
  void unknownBetaSchedule_failsNamingFieldAndChoices() {
    assertThatThrownBy(() -> NoiseScheduleConfig.fromJson(JSON.readTree("{\"beta_schedule\": \"sigmoid\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'beta_schedule'")
        .hasMessageContaining("'sigmoid'")
        .hasMessageContaining("linear, scaled_linear, squaredcos_cap_v2");
  }

  @Test
  void betaOutsideTheUnitInterval_fails() {
    assertThatThrownBy(() -> new NoiseScheduleConfig(1000, 0, 0.02, BetaSchedule.LINEAR, null, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("beta_start=0.0");
  }

  @Test
  void trainedBetas_areCopiedInAndOut() {
    double[] betas = {0.1, 0.2};
    NoiseScheduleConfig c = new NoiseScheduleConfig(2, 1e-4, 0.02, BetaSchedule.LINEAR, betas, false);
    betas[0] = 0.5;
    c.trainedBetas()[1] = 0.5;
    assertThat(c.trainedBetas()).containsExactly(0.1, 0.2);
  }
}
