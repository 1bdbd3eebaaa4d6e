package io.dreamworker.model.diffusion;

import ai.djl.ndarray.NDArray;
import io.dreamworker.model.nn.Activation;
import io.dreamworker.model.nn.Linear;
import io.dreamworker.model.nn.Scalars;
import io.dreamworker.model.weights.Weights;

/**
 * diffusers {@code ResnetBlock2D} with {@code time_embedding_norm="default"} and pre-norm, as the
 * UNet and VAE blocks build it:
 * {@code out = (shortcut(x) + conv2(act(norm2(conv1(act(norm1(x))) + proj(act(temb)))))) / scale}.
 * The VAE's blocks have no time embedding ({@code timeEmbProj == null}); {@code conv_shortcut}
 * (1x1) exists only when the channel count changes.
 *
 * @param norm1 over the input channels
 * @param conv1 3x3, in → out
 * @param timeEmbProj {@code time_emb_proj}: temb → out, or {@code null}
 * @param norm2 over the output channels
 * @param conv2 3x3, out → out
 * @param convShortcut 1x1, in → out, or {@code null} when in == out
 * @param act the block's non-linearity ({@code act_fn})
 * @param outputScaleFactor the divisor of the sum ({@code output_scale_factor})
 */
public record ResnetBlock2D(
    GroupNorm norm1,
    Conv2d conv1,
    Linear timeEmbProj,
    GroupNorm norm2,
    Conv2d conv2,
    Conv2d convShortcut,
    Activation act,
    float outputScaleFactor) {

  /**
   * Loads {@code module.{norm1,conv1,time_emb_proj,norm2,conv2,conv_shortcut}}.
   *
   * @param tembChannels the time embedding width, or 0 for a block without one (VAE)
   */
  public static ResnetBlock2D load(
      Weights w, String module, long in, long out, long tembChannels, int groups, float eps,
      Activation act, float outputScaleFactor) {
    Weights m = w.child(module);
    return new ResnetBlock2D(
        GroupNorm.load(m, "norm1", in, groups, eps),
        Conv2d.loadSame(m, "conv1", in, out, 3),
        tembChannels > 0 ? Linear.load(m, "time_emb_proj", tembChannels, out, true) : null,
        GroupNorm.load(m, "norm2", out, groups, eps),
        Conv2d.loadSame(m, "conv2", out, out, 3),
        in != out ? Conv2d.loadSame(m, "conv_shortcut", in, out, 1) : null,
        act,
        outputScaleFactor);
  }

  /**
   * @param x [B, in, H, W]
   * @param temb [B, temb] (one row per sample, so each may be at its own timestep), or
   *     {@code null} for a block without time embedding
   * @return [B, out, H, W]
   */
  public NDArray apply(NDArray x, NDArray temb) {
    return Scoped.compute(() -> {
      NDArray h = conv1.apply(act.apply(norm1.apply(x)));
      if (timeEmbProj != null) {
        if (temb == null) {
          throw new IllegalArgumentException("this resnet block needs a time embedding");
        }
        NDArray t = timeEmbProj.apply(act.apply(temb));
        h = h.add(t.reshape(t.getShape().get(0), t.getShape().get(1), 1, 1));
      }
      h = conv2.apply(act.apply(norm2.apply(h)));
      NDArray shortcut = convShortcut != null ? convShortcut.apply(x) : x;
      NDArray sum = shortcut.add(h);
      return outputScaleFactor == 1f ? sum : Scalars.div(sum, outputScaleFactor);
    });
  }

  public long outChannels() {
    return conv2.outChannels();
  }
}
