package io.dreamworker.model.diffusion.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DdpmSchedulerConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void emptyConfig_takesDiffusersDefaults() throws Exception {
    DdpmSchedulerConfig c = DdpmSchedulerConfig.fromJson(JSON.readTree("{}"));
    assertThat(c.varianceType()).isEqualTo(DdpmSchedulerConfig.VarianceType.FIXED_SMALL);
    assertThat(c.clipSample()).isTrue();
    assertThat(c.clipSampleRange()).isEqualTo(1.0);
    assertThat(c.predictionType()).isEqualTo(PredictionType.EPSILON);
    assertThat(c.timestepSpacing()).isEqualTo(TimestepSpacing.LEADING);
    assertThat(c.stepsOffset()).isZero();
  }

  @Test
  void thresholding_failsNamingTheFix() {
    assertThatThrownBy(() -> DdpmSchedulerConfig.fromJson(JSON.readTree("{\"thresholding\": true}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DDPMScheduler config: thresholding=true is not supported")
        .hasMessageContaining("\"thresholding\": false");
  }

  @Test
  void nonPositiveClipRange_failsWhenClipping() {
    assertThatThrownBy(() -> DdpmSchedulerConfig.fromJson(JSON.readTree("{\"clip_sample_range\": 0}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clip_sample_range=0.0");
  }

  @Test
  void unknownPredictionType_failsNamingTheChoices() {
    assertThatThrownBy(() -> DdpmSchedulerConfig.fromJson(JSON.readTree("{\"prediction_type\": \"flow\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'prediction_type'")
        .hasMessageContaining("epsilon, sample, v_prediction");
  }
}
