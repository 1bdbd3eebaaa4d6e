package io.dreamworker.model.diffusion.vae;

import ai.djl.ndarray.NDArray;
import io.dreamworker.model.diffusion.ResnetBlock2D;
import io.dreamworker.model.diffusion.Scoped;
import io.dreamworker.model.nn.Activation;
import io.dreamworker.model.weights.Weights;

/**
 * diffusers {@code UNetMidBlock2D} as the VAE builds it: resnet, attention (unless
 * {@code mid_block_add_attention} is false), resnet, all at the lowest resolution without time
 * embedding.
 *
 * @param resnet0 {@code resnets.0}
 * @param attention {@code attentions.0}, or {@code null}
 * @param resnet1 {@code resnets.1}
 */
public record VaeMidBlock(ResnetBlock2D resnet0, VaeAttention attention, ResnetBlock2D resnet1) {

  /** Loads {@code module.{resnets.0,attentions.0,resnets.1}}. */
  public static VaeMidBlock load(
      Weights w, String module, long channels, int groups, float eps, Activation act, boolean withAttention) {
    Weights m = w.child(module);
    return new VaeMidBlock(
        ResnetBlock2D.load(m, "resnets.0", channels, channels, 0, groups, eps, act, 1f),
        withAttention ? VaeAttention.load(m, "attentions.0", channels, groups, eps) : null,
        ResnetBlock2D.load(m, "resnets.1", channels, channels, 0, groups, eps, act, 1f));
  }

  /** [B, C, h, w] → [B, C, h, w]. */
  public NDArray apply(NDArray x) {
    return Scoped.compute(() -> {
      NDArray h = resnet0.apply(x, null);
      if (attention != null) {
        h = attention.apply(h);
      }
      return resnet1.apply(h, null);
    });
  }
}
