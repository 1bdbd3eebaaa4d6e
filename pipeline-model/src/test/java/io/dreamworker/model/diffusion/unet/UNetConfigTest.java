package io.dreamworker.model.diffusion.unet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dreamworker.model.nn.Activation;
import io.dreamworker.model.conformance.Fixtures;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UNetConfigTest {

  @Test
  void fixtureConfig_readsSd21LayoutWithHeadCountsFromAttentionHeadDim() {
    UNetConfig c = UNetConfig.fromJson(Fixtures.ofKind("unet_2d_condition").config());

    assertThat(c.blockOutChannels()).containsExactly(16, 32, 32, 32);
    assertThat(c.attentionHeads()).containsExactly(2, 4, 4, 4);
    assertThat(c.layers()).containsExactly(1, 1, 1, 1);
    assertThat(c.crossAttentionDim()).containsExactly(48, 48, 48, 48);
    assertThat(c.useLinearProjection()).isTrue();
    assertThat(c.normNumGroups()).isEqualTo(8);
    assertThat(c.timeEmbeddingDim()).isEqualTo(64);
    assertThat(c.downHasAttention(3)).isFalse();
    assertThat(c.upHasAttention(0)).isFalse();
  }

  @Test
  void emptyConfig_takesTheReferenceDefaults() {
    UNetConfig c = UNetConfig.fromJson(SyntheticUNet.json("{}"));

    assertThat(c.blockOutChannels()).containsExactly(320, 640, 1280, 1280);
    assertThat(c.downBlockTypes()).containsExactly(
        "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D");
    assertThat(c.layers()).containsExactly(2, 2, 2, 2);
    assertThat(c.attentionHeads()).containsExactly(8, 8, 8, 8);
    assertThat(c.crossAttentionDim()).containsExactly(1280, 1280, 1280, 1280);
    assertThat(c.normNumGroups()).isEqualTo(32);
    assertThat(c.normEps()).isEqualTo(1e-5f);
    assertThat(c.act()).isEqualTo(Activation.SILU);
    assertThat(c.flipSinToCos()).isTrue();
    assertThat(c.useLinearProjection()).isFalse();
    assertThat(c.timeEmbeddingDim()).isEqualTo(1280);
    assertThat(c.downsamplePadding()).isEqualTo(1);
  }

  @Test
  void perLevelLists_areReadPerLevel() {
    UNetConfig c = SyntheticUNet.convProjectionThreeLevels();

    assertThat(c.layers()).isEqualTo(List.of(1, 2, 1));
    assertThat(c.attentionHeads()).isEqualTo(List.of(1, 4, 2));
    assertThat(c.transformerLayers()).isEqualTo(List.of(2, 2, 2));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "\"class_embed_type\": \"timestep\"       | class_embed_type",
    "\"num_class_embeds\": 10                 | num_class_embeds",
    "\"addition_embed_type\": \"text_time\"   | addition_embed_type",
    "\"time_cond_proj_dim\": 256              | time_cond_proj_dim",
    "\"encoder_hid_dim\": 768                 | encoder_hid_dim",
    "\"resnet_time_scale_shift\": \"scale_shift\" | resnet_time_scale_shift",
    "\"time_embedding_type\": \"fourier\"     | time_embedding_type",
    "\"attention_type\": \"gated\"            | attention_type",
    "\"dual_cross_attention\": true           | dual_cross_attention",
    "\"only_cross_attention\": [false, true, false, false] | only_cross_attention",
    "\"timestep_post_act\": \"silu\"          | timestep_post_act",
    "\"mid_block_type\": \"UNetMidBlock2DSimpleCrossAttn\" | mid_block_type",
    "\"mid_block_type\": null                 | mid_block_type",
    "\"num_attention_heads\": 8               | num_attention_heads",
    "\"act_fn\": \"mish\"                     | act_fn",
    "\"conv_in_kernel\": 4                    | conv_in_kernel",
    "\"norm_num_groups\": null                | norm_num_groups",
  })
  void unsupportedField_failsNamingTheFieldAndWhatIsSupported(String field, String name) {
    assertThatThrownBy(() -> UNetConfig.fromJson(SyntheticUNet.json("{" + field + "}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + name + "'")
        .hasMessageContaining("supported");
  }

  @Test
  void otherBlockType_failsListingTheSupportedTypes() {
    assertThatThrownBy(() -> UNetConfig.fromJson(SyntheticUNet.json("""
        {"down_block_types": ["AttnDownBlock2D", "DownBlock2D"], "up_block_types": ["UpBlock2D", "UpBlock2D"],
         "block_out_channels": [32, 64]}
        """)))
        .hasMessageContaining("'down_block_types' = AttnDownBlock2D")
        .hasMessageContaining("CrossAttnDownBlock2D")
        .hasMessageContaining("DownBlock2D");
  }

  @Test
  void perLevelListOfTheWrongLength_failsNamingTheFieldAndTheLevelCount() {
    assertThatThrownBy(() -> UNetConfig.fromJson(SyntheticUNet.json("{\"attention_head_dim\": [5, 10, 20]}")))
        .hasMessageContaining("'attention_head_dim'")
        .hasMessageContaining("4 levels");
  }

  @Test
  void groupsThatDoNotDivideAChannelCount_failNamingNormNumGroups() {
    assertThatThrownBy(() -> UNetConfig.fromJson(SyntheticUNet.json(
            "{\"block_out_channels\": [32, 48, 64, 64], \"norm_num_groups\": 32}")))
        .hasMessageContaining("'norm_num_groups' = 32")
        .hasMessageContaining("48");
  }

  @Test
  void headsThatDoNotDivideTheChannels_failAtLoadNamingTheModule() {
    UNetConfig config = UNetConfig.fromJson(SyntheticUNet.json("""
        {"down_block_types": ["CrossAttnDownBlock2D", "DownBlock2D"], "up_block_types": ["UpBlock2D", "CrossAttnUpBlock2D"],
         "block_out_channels": [8, 16], "attention_head_dim": 3, "norm_num_groups": 4, "cross_attention_dim": 8,
         "layers_per_block": 1}
        """));
    try (var m = ai.djl.ndarray.NDManager.newBaseManager()) {
      var w = io.dreamworker.model.weights.Weights.of(
          new io.dreamworker.model.weights.MemorySource(SyntheticUNet.weights(config, m, 4)), m);
      assertThatThrownBy(() -> UNet2DConditionModel.load(config, w))
          .hasMessageContaining("down_blocks.0.attentions.0")
          .hasMessageContaining("attention_head_dim");
    }
  }
}
