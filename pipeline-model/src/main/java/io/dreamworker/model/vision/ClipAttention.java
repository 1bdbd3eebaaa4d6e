package io.dreamworker.model.vision;

import ai.djl.ndarray.NDArray;
import io.dreamworker.model.nn.Attention;
import io.dreamworker.model.nn.Linear;
import io.dreamworker.model.weights.Weights;

/**
 * transformers' {@code CLIPAttention}, eager: multi-head self-attention over every token (no mask,
 * no causality in the vision tower), scale {@code head_dim^-0.5}.
 *
 * @param q {@code q_proj} [H, H] with bias
 * @param k {@code k_proj}
 * @param v {@code v_proj}
 * @param out {@code out_proj}
 * @param heads {@code num_attention_heads}
 */
public record ClipAttention(Linear q, Linear k, Linear v, Linear out, int heads) {

  /** Loads the weights under {@code w} (a layer's {@code self_attn} module). */
  public static ClipAttention load(Weights w, ClipVisionConfig c) {
    int h = c.hiddenSize();
    return new ClipAttention(
        Linear.load(w, "q_proj", h, h, true),
        Linear.load(w, "k_proj", h, h, true),
        Linear.load(w, "v_proj", h, h, true),
        Linear.load(w, "out_proj", h, h, true),
        c.numAttentionHeads());
  }

  /**
   * @param x [B, T, H]
   * @return [B, T, H]
   */
  public NDArray apply(NDArray x) {
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    long hidden = x.getShape().get(2);
    long d = hidden / heads;
    NDArray attended = Attention.scaledDotProduct(
        split(q.apply(x), b, t, d), split(k.apply(x), b, t, d), split(v.apply(x), b, t, d),
        null, (float) Math.pow(d, -0.5)); // [B, heads, T, d]
    return out.apply(attended.transpose(0, 2, 1, 3).reshape(b, t, hidden));
  }

  /** [B, T, H] → [B, heads, T, d]. */
  private NDArray split(NDArray x, long b, long t, long d) {
    return x.reshape(b, t, heads, d).transpose(0, 2, 1, 3);
  }
}
