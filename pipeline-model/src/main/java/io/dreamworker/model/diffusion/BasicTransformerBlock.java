package io.dreamworker.model.diffusion;

import ai.djl.ndarray.NDArray;
import io.dreamworker.model.nn.LayerNorm;
import io.dreamworker.model.weights.Weights;

/**
 * diffusers {@code BasicTransformerBlock} as Stable Diffusion uses it ({@code norm_type="layer_norm"},
 * GEGLU feed-forward, no attention bias, a self-attention then a cross-attention):
 * <pre>
 *   h = h + attn1(norm1(h))
 *   h = h + attn2(norm2(h), context)
 *   h = h + ff(norm3(h))
 * </pre>
 *
 * @param norm1 layer norm before self-attention
 * @param attn1 self-attention
 * @param norm2 layer norm before cross-attention
 * @param attn2 cross-attention over the condition sequence
 * @param norm3 layer norm before the feed-forward
 * @param ff GEGLU feed-forward
 */
public record BasicTransformerBlock(
    LayerNorm norm1,
    MultiHeadAttention attn1,
    LayerNorm norm2,
    MultiHeadAttention attn2,
    LayerNorm norm3,
    GegluFeedForward ff) {

  /** The reference's {@code Transformer2DModel} never passes the UNet's norm_eps down: 1e-5 here. */
  static final float LAYER_NORM_EPS = 1e-5f;

  /** Loads {@code module.{norm1,attn1,norm2,attn2,norm3,ff}}. */
  public static BasicTransformerBlock load(Weights w, String module, long dim, int heads, long crossAttentionDim) {
    Weights m = w.child(module);
    return new BasicTransformerBlock(
        LayerNorm.load(m, "norm1", dim, LAYER_NORM_EPS),
        MultiHeadAttention.load(m, "attn1", dim, dim, dim, heads, false),
        LayerNorm.load(m, "norm2", dim, LAYER_NORM_EPS),
        MultiHeadAttention.load(m, "attn2", dim, crossAttentionDim, dim, heads, false),
        LayerNorm.load(m, "norm3", dim, LAYER_NORM_EPS),
        GegluFeedForward.load(m, "ff", dim));
  }

  /**
   * @param h [B, T, dim]
   * @param context [B, S, cross_attention_dim]
   * @return [B, T, dim]
   */
  public NDArray apply(NDArray h, NDArray context) {
    return Scoped.compute(() -> {
      NDArray n1 = norm1.apply(h);
      NDArray x = attn1.apply(n1, n1).add(h);
      x = attn2.apply(norm2.apply(x), context).add(x);
      return ff.apply(norm3.apply(x)).add(x);
    });
  }
}
