package io.dreamworker.model.vision;

import ai.djl.ndarray.NDArray;
import io.dreamworker.model.nn.LayerNorm;
import io.dreamworker.model.weights.Weights;

/**
 * transformers' {@code CLIPEncoderLayer}, pre-norm: {@code x + attn(ln1(x))}, then {@code x +
 * mlp(ln2(x))}.
 *
 * @param layerNorm1 {@code layer_norm1}
 * @param selfAttn {@code self_attn}
 * @param layerNorm2 {@code layer_norm2}
 * @param mlp {@code mlp}
 */
public record ClipEncoderLayer(
    LayerNorm layerNorm1, ClipAttention selfAttn, LayerNorm layerNorm2, ClipMlp mlp) {

  /** Loads the weights under {@code w} (the {@code encoder.layers.i} module). */
  public static ClipEncoderLayer load(Weights w, ClipVisionConfig c) {
    return new ClipEncoderLayer(
        LayerNorm.load(w, "layer_norm1", c.hiddenSize(), c.layerNormEps()),
        ClipAttention.load(w.child("self_attn"), c),
        LayerNorm.load(w, "layer_norm2", c.hiddenSize(), c.layerNormEps()),
        ClipMlp.load(w.child("mlp"), c));
  }

  /**
   * @param x [B, T, H]
   * @return [B, T, H]
   */
  public NDArray apply(NDArray x) {
    NDArray h = x.add(selfAttn.apply(layerNorm1.apply(x)));
    return h.add(mlp.apply(layerNorm2.apply(h)));
  }
}
