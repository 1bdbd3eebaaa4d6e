package io.dreamworker.model.diffusion.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DpmSolverMultistepConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void emptyConfig_takesDiffusersDefaults() throws Exception {
    DpmSolverMultistepConfig c = DpmSolverMultistepConfig.fromJson(JSON.readTree("{}"));
    assertThat(c.solverOrder()).isEqualTo(2);
    assertThat(c.predictionType()).isEqualTo(PredictionType.EPSILON);
    assertThat(c.solverType()).isEqualTo(DpmSolverMultistepConfig.SolverType.MIDPOINT);
    assertThat(c.lowerOrderFinal()).isTrue();
    assertThat(c.eulerAtFinal()).isFalse();
    assertThat(c.finalSigmasType()).isEqualTo(DpmSolverMultistepConfig.FinalSigmas.ZERO);
    assertThat(c.lambdaMinClipped()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(c.timestepSpacing()).isEqualTo(TimestepSpacing.LINSPACE);
    assertThat(c.stepsOffset()).isZero();
  }

  @Test
  void diffusersAliases_mapAsInTheReference() throws Exception {
    DpmSolverMultistepConfig c = DpmSolverMultistepConfig.fromJson(JSON.readTree(
        "{\"algorithm_type\": \"deis\", \"solver_type\": \"bh2\"}"));
    assertThat(c.solverType()).isEqualTo(DpmSolverMultistepConfig.SolverType.MIDPOINT);
  }

  @Test
  void sdeAlgorithm_failsNamingTheSupportedOne() {
    assertThatThrownBy(() -> DpmSolverMultistepConfig.fromJson(JSON.readTree("{\"algorithm_type\": \"sde-dpmsolver++\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("algorithm_type 'sde-dpmsolver++' is not supported")
        .hasMessageContaining("dpmsolver++");
  }

  @Test
  void thirdOrder_failsNamingTheSupportedOrders() {
    assertThatThrownBy(() -> DpmSolverMultistepConfig.fromJson(JSON.readTree("{\"solver_order\": 3}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("solver_order=3");
  }

  @Test
  void karrasSigmas_failsNamingTheField() {
    assertThatThrownBy(() -> DpmSolverMultistepConfig.fromJson(JSON.readTree("{\"use_karras_sigmas\": true}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use_karras_sigmas=true is not supported")
        .hasMessageContaining("\"use_karras_sigmas\": false");
  }
}
