package io.dreamworker.model.nn;

import ai.djl.ndarray.NDArray;

/** Scaled dot-product attention, the eager formula of the references. */
public final class Attention {
  private Attention() {}

  /**
   * {@code softmax(q k^T * scale + mask) v}.
   *
   * @param q [B, heads, Tq, d]
   * @param k [B, heads, Tk, d]
   * @param v [B, heads, Tk, dv]
   * @param mask additive mask broadcastable to [B, heads, Tq, Tk] (0 to keep, a large negative
   *     number to drop), or {@code null}
   * @return [B, heads, Tq, dv]
   */
  public static NDArray scaledDotProduct(NDArray q, NDArray k, NDArray v, NDArray mask, float scale) {
    NDArray scores = Scalars.mul(q.matMul(k.swapAxes(-1, -2)), scale);
    if (mask != null) {
      scores = scores.add(mask);
    }
    return scores.softmax(-1).matMul(v);
  }
}
