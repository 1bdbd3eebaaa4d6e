package io.dreamworker.model.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.dreamworker.model.nn.Attention;
import io.dreamworker.model.nn.Linear;
import io.dreamworker.model.weights.Weights;

/**
 * transformers' {@code LlamaAttention} with the eager attention function: q/k/v projections,
 * RoPE on queries and keys, the KV cache, key/value heads repeated for grouped-query attention
 * ({@code repeat_kv}: query head {@code h} reads key/value head {@code h / group}), scaled dot
 * product with {@code head_dim^-0.5} and an additive mask, and {@code o_proj}.
 */
public final class LlamaAttention {
  private final Linear q;
  private final Linear k;
  private final Linear v;
  private final Linear o;
  private final int heads;
  private final int kvHeads;
  private final int headDim;
  private final float scale;

  private LlamaAttention(Linear q, Linear k, Linear v, Linear o, int heads, int kvHeads, int headDim) {
    this.q = q;
    this.k = k;
    this.v = v;
    this.o = o;
    this.heads = heads;
    this.kvHeads = kvHeads;
    this.headDim = headDim;
    this.scale = (float) Math.pow(headDim, -0.5);
  }

  /** Loads {@code q_proj}, {@code k_proj}, {@code v_proj}, {@code o_proj} under {@code w} (a layer's {@code self_attn}). */
  public static LlamaAttention load(Weights w, LlamaConfig c) {
    int h = c.hiddenSize();
    int qDim = c.numAttentionHeads() * c.headDim();
    int kvDim = c.numKeyValueHeads() * c.headDim();
    boolean bias = c.attentionBias();
    return new LlamaAttention(
        Linear.load(w, "q_proj", h, qDim, bias),
        Linear.load(w, "k_proj", h, kvDim, bias),
        Linear.load(w, "v_proj", h, kvDim, bias),
        Linear.load(w, "o_proj", qDim, h, bias),
        c.numAttentionHeads(),
        c.numKeyValueHeads(),
        c.headDim());
  }

  /**
   * @param x [B, T, H]
   * @param cos [B|1, 1, T, d]
   * @param sin [B|1, 1, T, d]
   * @param mask additive [B|1, 1, T, S] with S = cached + T, or {@code null} when every query
   *     may see every key
   * @param cache the cache to extend, or {@code null}
   * @param layer this layer's index in the cache
   * @return [B, T, H]
   */
  public NDArray forward(NDArray x, NDArray cos, NDArray sin, NDArray mask, LlamaKvCache cache, int layer) {
    long b = x.getShape().get(0);
    long t = x.getShape().get(1);
    NDArray queries = heads(q.apply(x), b, t, heads);
    NDArray keys = heads(k.apply(x), b, t, kvHeads);
    NDArray vals = heads(v.apply(x), b, t, kvHeads);
    queries = RotaryEmbedding.apply(queries, cos, sin);
    keys = RotaryEmbedding.apply(keys, cos, sin);
    if (cache != null) {
      NDList all = cache.append(layer, keys, vals);
      keys = all.get(0);
      vals = all.get(1);
    }
    int group = heads / kvHeads;
    if (group > 1) {
      // DJL's repeat repeats each element in place (repeat_interleave), which is repeat_kv's order.
      keys = keys.repeat(1, group);
      vals = vals.repeat(1, group);
    }
    NDArray context = Attention.scaledDotProduct(queries, keys, vals, mask, scale);
    return o.apply(context.transpose(0, 2, 1, 3).reshape(b, t, (long) heads * headDim));
  }

  /** [B, T, n*d] → [B, n, T, d]. */
  private NDArray heads(NDArray projected, long b, long t, int n) {
    return projected.reshape(b, t, n, headDim).transpose(0, 2, 1, 3);
  }
}
