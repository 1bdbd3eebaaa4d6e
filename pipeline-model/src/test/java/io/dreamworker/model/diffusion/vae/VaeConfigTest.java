package io.dreamworker.model.diffusion.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dreamworker.model.conformance.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VaeConfigTest {

  @Test
  void fixtureConfig_readsTwoLevels() {
    VaeConfig c = VaeConfig.fromJson(Fixtures.ofKind("autoencoder_kl").config());

    assertThat(c.blockOutChannels()).containsExactly(16, 32);
    assertThat(c.layersPerBlock()).isEqualTo(1);
    assertThat(c.latentChannels()).isEqualTo(4);
    assertThat(c.normNumGroups()).isEqualTo(8);
    assertThat(c.scalingFactor()).isEqualTo(0.18215);
    assertThat(c.downsamplingFactor()).isEqualTo(2);
  }

  @Test
  void emptyConfig_takesTheReferenceDefaults() {
    VaeConfig c = SyntheticVae.config("{}");

    assertThat(c.blockOutChannels()).containsExactly(64);
    assertThat(c.layersPerBlock()).isEqualTo(1);
    assertThat(c.normNumGroups()).isEqualTo(32);
    assertThat(c.scalingFactor()).isEqualTo(0.18215);
    assertThat(c.shiftFactor()).isZero();
    assertThat(c.useQuantConv()).isTrue();
    assertThat(c.usePostQuantConv()).isTrue();
    assertThat(c.midBlockAddAttention()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "\"down_block_types\": [\"AttnDownEncoderBlock2D\"]  | down_block_types",
    "\"up_block_types\": [\"AttnUpDecoderBlock2D\"]      | up_block_types",
    "\"layers_per_block\": [1, 2]                         | layers_per_block",
    "\"latents_mean\": [0.1, 0.2, 0.3, 0.4]               | latents_mean",
    "\"act_fn\": \"mish\"                                 | act_fn",
    "\"norm_num_groups\": 48                              | norm_num_groups",
    "\"_class_name\": \"AutoencoderTiny\"                 | _class_name",
  })
  void unsupportedField_failsNamingIt(String field, String name) {
    assertThatThrownBy(() -> SyntheticVae.config("{" + field + "}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + name + "'");
  }

  @Test
  void blockTypeCountDifferentFromLevels_failsNamingBoth() {
    assertThatThrownBy(() -> SyntheticVae.config("{\"block_out_channels\": [32, 64]}"))
        .hasMessageContaining("2 block_out_channels")
        .hasMessageContaining("1 down_block_types");
  }
}
