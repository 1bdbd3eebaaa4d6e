package io.dreamworker.model.vision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dreamworker.model.nn.Activation;
import org.junit.jupiter.api.Test;

class ClipVisionConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void emptyJson_takesTransformersDefaults() throws Exception {
    ClipVisionConfig c = ClipVisionConfig.fromJson(JSON.readTree("{}"));

    assertThat(c).isEqualTo(ClipVisionConfig.defaults());
    assertThat(c.activation()).isEqualTo(Activation.QUICK_GELU);
    assertThat(c.numPatches()).isEqualTo(49);
    assertThat(c.numPositions()).isEqualTo(50);
    assertThat(c.headDim()).isEqualTo(64);
  }

  @Test
  void fullClipConfig_readsItsVisionConfig() throws Exception {
    ClipVisionConfig c = ClipVisionConfig.fromJson(JSON.readTree("""
        {"model_type": "clip", "text_config": {"hidden_size": 768},
         "vision_config": {"hidden_size": 1024, "intermediate_size": 4096, "num_attention_heads": 16,
                           "num_hidden_layers": 24, "image_size": 224, "patch_size": 14}}"""));

    assertThat(c.hiddenSize()).isEqualTo(1024);
    assertThat(c.numHiddenLayers()).isEqualTo(24);
    assertThat(c.gridSize()).isEqualTo(16);
    assertThat(c.numPositions()).isEqualTo(257);
  }

  @Test
  void geluActivation_isRead() throws Exception {
    ClipVisionConfig c = ClipVisionConfig.fromJson(JSON.readTree("{\"hidden_act\": \"gelu\"}"));

    assertThat(c.activation()).isEqualTo(Activation.GELU);
  }

  @Test
  void imageSizeNotMultipleOfPatch_isRefusedNamingBoth() {
    assertThatThrownBy(() -> ClipVisionConfig.fromJson(
            JSON.readTree("{\"image_size\": 50, \"patch_size\": 16}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("image_size 50")
        .hasMessageContaining("patch_size 16");
  }

  @Test
  void hiddenNotDivisibleByHeads_isRefusedNamingBoth() {
    assertThatThrownBy(() -> ClipVisionConfig.fromJson(
            JSON.readTree("{\"hidden_size\": 100, \"num_attention_heads\": 3}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hidden_size 100")
        .hasMessageContaining("num_attention_heads 3");
  }

  @Test
  void unknownActivation_isRefusedNamingIt() {
    assertThatThrownBy(() -> ClipVisionConfig.fromJson(JSON.readTree("{\"hidden_act\": \"mish\"}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mish");
  }

  @Test
  void nonPositiveSize_isRefusedNamingTheField() {
    assertThatThrownBy(() -> ClipVisionConfig.fromJson(JSON.readTree("{\"num_hidden_layers\": 0}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("num_hidden_layers is 0");
  }
}
