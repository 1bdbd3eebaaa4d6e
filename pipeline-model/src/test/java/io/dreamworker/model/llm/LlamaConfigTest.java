package io.dreamworker.model.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dreamworker.model.nn.Activation;
import org.junit.jupiter.api.Test;

class LlamaConfigTest {

  @Test
  void fixtureStyleConfig_readsEveryField() {
    ObjectNode json = TinyLlama.configJson();
    json.put("head_dim", 16);
    json.put("num_key_value_heads", 2);
    json.put("attention_bias", true);
    json.put("max_position_embeddings", 256);

    LlamaConfig c = LlamaConfig.fromJson(json);

    assertThat(c.vocabSize()).isEqualTo(50);
    assertThat(c.hiddenSize()).isEqualTo(32);
    assertThat(c.intermediateSize()).isEqualTo(80);
    assertThat(c.numHiddenLayers()).isEqualTo(2);
    assertThat(c.numAttentionHeads()).isEqualTo(4);
    assertThat(c.numKeyValueHeads()).isEqualTo(2);
    assertThat(c.groupSize()).isEqualTo(2);
    assertThat(c.headDim()).isEqualTo(16);
    assertThat(c.hiddenAct()).isEqualTo(Activation.SILU);
    assertThat(c.rmsNormEps()).isEqualTo(1e-6);
    assertThat(c.rope()).isEqualTo(RopeParameters.standard(10000.0));
    assertThat(c.attentionBias()).isTrue();
    assertThat(c.mlpBias()).isFalse();
    assertThat(c.tieWordEmbeddings()).isFalse();
    assertThat(c.maxPositionEmbeddings()).isEqualTo(256);
  }

  @Test
  void emptyConfig_takesTransformersLlamaDefaults() {
    LlamaConfig c = LlamaConfig.fromJson(new ObjectMapper().createObjectNode());

    assertThat(c).isEqualTo(new LlamaConfig(32000, 4096, 11008, 32, 32, 32, 128, Activation.SILU, 1e-6,
        RopeParameters.standard(10000.0), false, false, false, 2048));
  }

  @Test
  void nullKeyValueHeadsAndHeadDim_defaultToMultiHeadAndHiddenOverHeads() {
    ObjectNode json = TinyLlama.configJson();
    json.putNull("num_key_value_heads");
    json.putNull("head_dim");

    LlamaConfig c = LlamaConfig.fromJson(json);

    assertThat(c.numKeyValueHeads()).isEqualTo(4);
    assertThat(c.headDim()).isEqualTo(8);
  }

  @Test
  void explicitHeadDim_needNotDivideHiddenSize() {
    ObjectNode json = TinyLlama.configJson();
    json.put("num_attention_heads", 3);
    json.put("num_key_value_heads", 3);
    json.put("head_dim", 8);

    assertThat(LlamaConfig.fromJson(json).headDim()).isEqualTo(8);
  }

  @Test
  void hiddenSizeNotDivisibleByHeads_isRejectedNamingBothFields() {
    ObjectNode json = TinyLlama.configJson();
    json.put("num_attention_heads", 5);
    json.put("num_key_value_heads", 5);

    assertThatThrownBy(() -> LlamaConfig.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hidden_size (32)")
        .hasMessageContaining("num_attention_heads (5)")
        .hasMessageContaining("head_dim");
  }

  @Test
  void headsNotDivisibleByKeyValueHeads_isRejectedNamingBothFields() {
    ObjectNode json = TinyLlama.configJson();
    json.put("num_key_value_heads", 3);

    assertThatThrownBy(() -> LlamaConfig.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("num_attention_heads (4)")
        .hasMessageContaining("num_key_value_heads (3)")
        .hasMessageContaining("divisors of 4");
  }

  @Test
  void unsupportedRopeType_isRejectedNamingTheType() {
    ObjectNode json = TinyLlama.configJson();
    ((ObjectNode) json.get("rope_parameters")).put("rope_type", "llama3");

    assertThatThrownBy(() -> LlamaConfig.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rope_parameters.rope_type 'llama3' is not supported")
        .hasMessageContaining("default, linear");
  }

  @Test
  void oddHeadDim_isRejectedSinceRopeRotatesPairs() {
    ObjectNode json = TinyLlama.configJson();
    json.put("head_dim", 7);

    assertThatThrownBy(() -> LlamaConfig.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("head_dim is 7");
  }

  @Test
  void nonPositiveSizes_areRejectedNamingTheField() {
    ObjectNode json = TinyLlama.configJson();
    json.put("num_hidden_layers", 0);

    assertThatThrownBy(() -> LlamaConfig.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("num_hidden_layers is 0");
  }

  @Test
  void nonIntegerSize_isRejectedNamingTheField() {
    ObjectNode json = TinyLlama.configJson();
    json.put("hidden_size", 32.5);

    assertThatThrownBy(() -> LlamaConfig.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hidden_size is 32.5");
  }

  @Test
  void unknownActivation_isRejected() {
    ObjectNode json = TinyLlama.configJson();
    json.put("hidden_act", "mish");

    assertThatThrownBy(() -> LlamaConfig.fromJson(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mish");
  }
}
