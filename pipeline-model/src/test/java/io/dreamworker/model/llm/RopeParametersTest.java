package io.dreamworker.model.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RopeParametersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void newerRopeParameters_giveTypeAndTheta() throws Exception {
    RopeParameters p = RopeParameters.fromConfig(json("{'rope_parameters': {'rope_type': 'default', 'rope_theta': 500000.0}}"));

    assertThat(p).isEqualTo(RopeParameters.standard(500000.0));
  }

  @Test
  void olderTopLevelRopeTheta_isRead() throws Exception {
    RopeParameters p = RopeParameters.fromConfig(json("{'rope_theta': 1000000.0, 'rope_scaling': null}"));

    assertThat(p).isEqualTo(RopeParameters.standard(1000000.0));
  }

  @Test
  void noRopeFields_meanDefaultTheta10000() throws Exception {
    assertThat(RopeParameters.fromConfig(json("{}"))).isEqualTo(RopeParameters.standard(10000.0));
  }

  @Test
  void olderRopeScalingLinear_withTypeKey_isLinearWithTopLevelTheta() throws Exception {
    RopeParameters p = RopeParameters.fromConfig(json("{'rope_theta': 20000.0, 'rope_scaling': {'type': 'linear', 'factor': 2.0}}"));

    assertThat(p).isEqualTo(new RopeParameters(RopeParameters.Type.LINEAR, 20000.0, 2.0));
  }

  @Test
  void newerLinear_takesFactorFromRopeParameters() throws Exception {
    RopeParameters p = RopeParameters.fromConfig(
        json("{'rope_parameters': {'rope_type': 'linear', 'factor': 4.0, 'rope_theta': 10000.0}}"));

    assertThat(p.type()).isEqualTo(RopeParameters.Type.LINEAR);
    assertThat(p.factor()).isEqualTo(4.0);
  }

  @Test
  void linearWithoutFactor_isRejected() throws Exception {
    assertThatThrownBy(() -> RopeParameters.fromConfig(json("{'rope_parameters': {'rope_type': 'linear'}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no numeric 'factor'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dynamic", "llama3", "yarn", "longrope"})
  void otherRopeTypes_areRejectedRatherThanRunAsDefault(String type) throws Exception {
    assertThatThrownBy(() -> RopeParameters.fromConfig(json("{'rope_scaling': {'rope_type': '" + type + "', 'factor': 8.0}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rope_scaling.rope_type '" + type + "' is not supported");
  }

  @Test
  void partialRotaryFactor_isRejected() throws Exception {
    assertThatThrownBy(() -> RopeParameters.fromConfig(
            json("{'rope_parameters': {'rope_type': 'default', 'partial_rotary_factor': 0.5}}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partial_rotary_factor is 0.5");
  }

  @Test
  void nonPositiveTheta_isRejected() {
    assertThatThrownBy(() -> RopeParameters.standard(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rope_theta is 0.0");
  }
}
