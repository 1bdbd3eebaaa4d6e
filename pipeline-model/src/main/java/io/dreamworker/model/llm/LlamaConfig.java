package io.dreamworker.model.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dreamworker.model.config.ReferenceJson;
import io.dreamworker.model.nn.Activation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The fields of transformers' {@code LlamaConfig} that shape {@code LlamaForCausalLM}, read from
 * the reference's own {@code config.json}. Absent fields take transformers' defaults (those of
 * LLaMA-7B).
 *
 * @param vocabSize {@code vocab_size} (default 32000)
 * @param hiddenSize {@code hidden_size} (default 4096)
 * @param intermediateSize {@code intermediate_size}, the SwiGLU width (default 11008)
 * @param numHiddenLayers {@code num_hidden_layers} (default 32)
 * @param numAttentionHeads {@code num_attention_heads} (default 32)
 * @param numKeyValueHeads {@code num_key_value_heads} (default: {@code num_attention_heads}, i.e.
 *     multi-head attention; fewer means grouped-query attention)
 * @param headDim {@code head_dim} (default {@code hidden_size / num_attention_heads})
 * @param hiddenAct {@code hidden_act} of the MLP gate (default silu)
 * @param rmsNormEps {@code rms_norm_eps} (default 1e-6)
 * @param rope the rotary embedding settings, see {@link RopeParameters#fromConfig}
 * @param attentionBias {@code attention_bias}: q/k/v/o projections carry biases (default false)
 * @param mlpBias {@code mlp_bias}: gate/up/down projections carry biases (default false)
 * @param tieWordEmbeddings {@code tie_word_embeddings}: the LM head reuses
 *     {@code model.embed_tokens.weight} (default false)
 * @param maxPositionEmbeddings {@code max_position_embeddings} (default 2048); informative only,
 *     since RoPE extends to any position
 */
public record LlamaConfig(
    int vocabSize,
    int hiddenSize,
    int intermediateSize,
    int numHiddenLayers,
    int numAttentionHeads,
    int numKeyValueHeads,
    int headDim,
    Activation hiddenAct,
    double rmsNormEps,
    RopeParameters rope,
    boolean attentionBias,
    boolean mlpBias,
    boolean tieWordEmbeddings,
    int maxPositionEmbeddings) {

  private static final ObjectMapper JSON = ReferenceJson.mapper();

  public LlamaConfig {
    positive("vocab_size", vocabSize);
    positive("hidden_size", hiddenSize);
    positive("intermediate_size", intermediateSize);
    positive("num_hidden_layers", numHiddenLayers);
    positive("num_attention_heads", numAttentionHeads);
    positive("num_key_value_heads", numKeyValueHeads);
    positive("head_dim", headDim);
    positive("max_position_embeddings", maxPositionEmbeddings);
    if (numAttentionHeads % numKeyValueHeads != 0) {
      throw new IllegalArgumentException(
          "num_attention_heads (" + numAttentionHeads + ") is not divisible by num_key_value_heads ("
              + numKeyValueHeads + "): each key/value head serves a whole group of query heads, so"
              + " choose num_key_value_heads among the divisors of " + numAttentionHeads);
    }
    if (headDim % 2 != 0) {
      throw new IllegalArgumentException(
          "head_dim is " + headDim + ": rotary embeddings rotate pairs of channels, so it must be even");
    }
    if (!(rmsNormEps > 0)) {
      throw new IllegalArgumentException("rms_norm_eps is " + rmsNormEps + ": it must be positive (e.g. 1e-6)");
    }
    if (hiddenAct == null || rope == null) {
      throw new IllegalArgumentException("hidden_act and the rope parameters must be given");
    }
  }

  /** Reads a {@code config.json}. */
  public static LlamaConfig read(Path configJson) throws IOException {
    return fromJson(JSON.readTree(Files.readString(configJson)));
  }

  /**
   * Parses the reference's config fields.
   *
   * @throws IllegalArgumentException naming the offending field, its value and the fix
   */
  public static LlamaConfig fromJson(JsonNode c) {
    int hidden = intField(c, "hidden_size", 4096);
    int heads = intField(c, "num_attention_heads", 32);
    int headDim;
    if (c.path("head_dim").isNumber()) {
      headDim = c.path("head_dim").asInt();
    } else {
      positive("num_attention_heads", heads);
      if (hidden % heads != 0) {
        throw new IllegalArgumentException(
            "hidden_size (" + hidden + ") is not divisible by num_attention_heads (" + heads
                + ") and head_dim is not set: choose a head count that divides hidden_size, or set"
                + " head_dim explicitly");
      }
      headDim = hidden / heads;
    }
    return new LlamaConfig(
        intField(c, "vocab_size", 32000),
        hidden,
        intField(c, "intermediate_size", 11008),
        intField(c, "num_hidden_layers", 32),
        heads,
        intField(c, "num_key_value_heads", heads),
        headDim,
        Activation.fromConfig(c.path("hidden_act").isTextual() ? c.path("hidden_act").asText() : "silu"),
        c.path("rms_norm_eps").isNumber() ? c.path("rms_norm_eps").asDouble() : 1e-6,
        RopeParameters.fromConfig(c),
        c.path("attention_bias").asBoolean(false),
        c.path("mlp_bias").asBoolean(false),
        c.path("tie_word_embeddings").asBoolean(false),
        intField(c, "max_position_embeddings", 2048));
  }

  /** Query heads per key/value head (1 for multi-head attention). */
  public int groupSize() {
    return numAttentionHeads / numKeyValueHeads;
  }

  private static int intField(JsonNode c, String name, int fallback) {
    JsonNode v = c.path(name);
    if (v.isMissingNode() || v.isNull()) {
      return fallback;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new IllegalArgumentException(name + " is " + v + ": it must be an integer");
    }
    return v.asInt();
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " is " + value + ": it must be a positive integer");
    }
  }
}
