package io.dreamworker.model.diffusion.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DdimSchedulerConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void emptyConfig_takesDiffusersDefaults() throws Exception {
    DdimSchedulerConfig c = DdimSchedulerConfig.fromJson(JSON.readTree("{}"));
    assertThat(c.clipSample()).isTrue();
    assertThat(c.clipSampleRange()).isEqualTo(1.0);
    assertThat(c.setAlphaToOne()).isTrue();
    assertThat(c.stepsOffset()).isZero();
    assertThat(c.predictionType()).isEqualTo(PredictionType.EPSILON);
    assertThat(c.timestepSpacing()).isEqualTo(TimestepSpacing.LEADING);
  }

  @Test
  void stableDiffusion21Fields_areRead() throws Exception {
    DdimSchedulerConfig c = DdimSchedulerConfig.fromJson(JSON.readTree(
        "{\"clip_sample\": false, \"set_alpha_to_one\": false, \"steps_offset\": 1,"
            + " \"prediction_type\": \"v_prediction\", \"timestep_spacing\": \"trailing\","
            + " \"rescale_betas_zero_snr\": true}"));
    assertThat(c.clipSample()).isFalse();
    assertThat(c.setAlphaToOne()).isFalse();
    assertThat(c.stepsOffset()).isEqualTo(1);
    assertThat(c.predictionType()).isEqualTo(PredictionType.V_PREDICTION);
    assertThat(c.timestepSpacing()).isEqualTo(TimestepSpacing.TRAILING);
    assertThat(c.noise().rescaleBetasZeroSnr()).isTrue();
  }

  @Test
  void unknownSpacing_failsNamingSchedulerFieldAndChoices() {
    assertThatThrownBy(() -> DdimSchedulerConfig.fromJson(JSON.readTree("{\"timestep_spacing\": \"karras\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DDIMScheduler config field 'timestep_spacing'")
        .hasMessageContaining("leading, trailing, linspace");
  }
}
