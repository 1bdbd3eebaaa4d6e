package io.dreamworker.model.diffusion.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.diffusion.GroupNorm;
import io.dreamworker.model.diffusion.MultiHeadAttention;
import io.dreamworker.model.diffusion.Scoped;
import io.dreamworker.model.weights.Weights;

/**
 * The VAE mid block's attention: diffusers {@code Attention} built with
 * {@code _from_deprecated_attn_block=True, residual_connection=True, bias=True} and a single head
 * of all channels ({@code attention_head_dim = channels}): group norm, self-attention over the
 * H*W positions with linear q/k/v/out over channels, plus the input.
 *
 * @param groupNorm {@code group_norm}
 * @param attention {@code to_q, to_k, to_v, to_out.0}, one head
 */
public record VaeAttention(GroupNorm groupNorm, MultiHeadAttention attention) {

  /** Loads {@code module.{group_norm,to_q,to_k,to_v,to_out.0}}. */
  public static VaeAttention load(Weights w, String module, long channels, int groups, float eps) {
    return new VaeAttention(
        GroupNorm.load(w.child(module), "group_norm", channels, groups, eps),
        MultiHeadAttention.load(w, module, channels, channels, channels, 1, true));
  }

  /** [B, C, H, W] → [B, C, H, W]. */
  public NDArray apply(NDArray x) {
    return Scoped.compute(() -> {
      Shape s = x.getShape();
      long b = s.get(0);
      long c = s.get(1);
      // The reference flattens to [B, C, HW] first; group norm over that equals group norm over [B, C, H, W].
      NDArray tokens = groupNorm.apply(x).reshape(b, c, -1).transpose(0, 2, 1);
      NDArray attended = attention.apply(tokens, tokens);
      return attended.transpose(0, 2, 1).reshape(s).add(x);
    });
  }
}
