package io.dreamworker.model.diffusion;

import ai.djl.ndarray.NDArray;
import io.dreamworker.model.nn.Attention;
import io.dreamworker.model.nn.Linear;
import io.dreamworker.model.weights.Weights;

/**
 * The projections and attention of diffusers {@code Attention} under its default processor
 * ({@code AttnProcessor2_0}): {@code to_out.0(sdpa(to_q(x), to_k(ctx), to_v(ctx)))} with
 * {@code heads} heads of {@code inner / heads} channels and the default scale
 * {@code 1 / sqrt(head_dim)}. Self-attention passes {@code ctx = x}.
 *
 * <p>{@code upcast_attention} / {@code upcast_softmax} only matter in half precision; this
 * computes in float32 throughout.
 *
 * @param toQ {@code to_q}: query_dim → inner
 * @param toK {@code to_k}: context_dim → inner
 * @param toV {@code to_v}: context_dim → inner
 * @param toOut {@code to_out.0}: inner → query_dim
 * @param heads the number of heads; divides inner
 */
public record MultiHeadAttention(Linear toQ, Linear toK, Linear toV, Linear toOut, int heads) {

  public MultiHeadAttention {
    if (heads <= 0 || toQ.outFeatures() % heads != 0) {
      throw new IllegalArgumentException(
          "attention width " + toQ.outFeatures() + " is not divisible into " + heads + " heads");
    }
  }

  /**
   * Loads {@code module.{to_q,to_k,to_v,to_out.0}}.
   *
   * @param qkvBias whether to_q/to_k/to_v have biases (the transformer blocks' {@code attention_bias}
   *     is false; the VAE's attention has them); to_out.0 always has one
   */
  public static MultiHeadAttention load(
      Weights w, String module, long queryDim, long contextDim, long inner, int heads, boolean qkvBias) {
    Weights m = w.child(module);
    return new MultiHeadAttention(
        Linear.load(m, "to_q", queryDim, inner, qkvBias),
        Linear.load(m, "to_k", contextDim, inner, qkvBias),
        Linear.load(m, "to_v", contextDim, inner, qkvBias),
        Linear.load(m, "to_out.0", inner, queryDim, true),
        heads);
  }

  /**
   * @param x [B, T, query_dim]
   * @param context [B, S, context_dim]
   * @return [B, T, query_dim]
   */
  public NDArray apply(NDArray x, NDArray context) {
    return Scoped.compute(() -> {
      long batch = x.getShape().get(0);
      long inner = toQ.outFeatures();
      long headDim = inner / heads;
      NDArray q = splitHeads(toQ.apply(x), batch, headDim);
      NDArray k = splitHeads(toK.apply(context), batch, headDim);
      NDArray v = splitHeads(toV.apply(context), batch, headDim);
      NDArray o = Attention.scaledDotProduct(q, k, v, null, (float) (1.0 / Math.sqrt(headDim)));
      // [B, heads, T, d] → [B, T, heads * d]
      return toOut.apply(o.transpose(0, 2, 1, 3).reshape(batch, -1, inner));
    });
  }

  /** [B, T, heads * d] → [B, heads, T, d]. */
  private NDArray splitHeads(NDArray t, long batch, long headDim) {
    return t.reshape(batch, -1, heads, headDim).transpose(0, 2, 1, 3);
  }
}
