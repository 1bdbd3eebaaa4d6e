package io.dreamworker.model.llm;

import ai.djl.ndarray.NDArray;
import io.dreamworker.model.weights.Weights;

/**
 * transformers' {@code LlamaDecoderLayer}, pre-norm:
 * {@code h = x + attn(input_layernorm(x)); out = h + mlp(post_attention_layernorm(h))}.
 */
public final class LlamaDecoderLayer {
  private final RmsNorm inputNorm;
  private final LlamaAttention attention;
  private final RmsNorm postAttentionNorm;
  private final LlamaMlp mlp;

  private LlamaDecoderLayer(RmsNorm inputNorm, LlamaAttention attention, RmsNorm postAttentionNorm, LlamaMlp mlp) {
    this.inputNorm = inputNorm;
    this.attention = attention;
    this.postAttentionNorm = postAttentionNorm;
    this.mlp = mlp;
  }

  /** Loads a layer from {@code w} viewing {@code model.layers.{i}}. */
  public static LlamaDecoderLayer load(Weights w, LlamaConfig c) {
    return new LlamaDecoderLayer(
        RmsNorm.load(w, "input_layernorm", c.hiddenSize(), c.rmsNormEps()),
        LlamaAttention.load(w.child("self_attn"), c),
        RmsNorm.load(w, "post_attention_layernorm", c.hiddenSize(), c.rmsNormEps()),
        LlamaMlp.load(w.child("mlp"), c));
  }

  /** [B, T, H] → [B, T, H]; see {@link LlamaAttention#forward} for the other arguments. */
  public NDArray forward(NDArray x, NDArray cos, NDArray sin, NDArray mask, LlamaKvCache cache, int layer) {
    NDArray h = x.add(attention.forward(inputNorm.apply(x), cos, sin, mask, cache, layer));
    return h.add(mlp.forward(postAttentionNorm.apply(h)));
  }
}
