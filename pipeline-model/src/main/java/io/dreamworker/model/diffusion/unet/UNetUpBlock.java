package io.dreamworker.model.diffusion.unet;

import ai.djl.ndarray.NDArray;
import io.dreamworker.model.diffusion.ResnetBlock2D;
import io.dreamworker.model.diffusion.Scoped;
import io.dreamworker.model.diffusion.Transformer2D;
import io.dreamworker.model.diffusion.Upsample2D;
import java.util.List;

/**
 * One up level: diffusers {@code CrossAttnUpBlock2D} or {@code UpBlock2D}. Before each resnet the
 * most recent remaining skip connection is concatenated to the features along channels (the
 * reference pops {@code res_hidden_states_tuple} from its end); then, except on the last level,
 * {@code upsamplers.0} doubles the resolution.
 *
 * @param resnets {@code resnets.{j}}
 * @param attentions {@code attentions.{j}}, one per resnet, or empty for {@code UpBlock2D}
 * @param upsampler {@code upsamplers.0}, or {@code null} on the last level
 */
public record UNetUpBlock(List<ResnetBlock2D> resnets, List<Transformer2D> attentions, Upsample2D upsampler) {

  public UNetUpBlock {
    resnets = List.copyOf(resnets);
    attentions = List.copyOf(attentions);
    if (!attentions.isEmpty() && attentions.size() != resnets.size()) {
      throw new IllegalArgumentException(
          "a cross-attention up block needs one attention per resnet, got " + attentions.size() + " for " + resnets.size());
    }
  }

  /**
   * @param x [B, C, h, w]
   * @param skips this level's skip connections in the order the down path produced them; the
   *     first resnet takes the last one
   * @param temb [B, time_embed_dim]
   * @param context [B, S, cross_attention_dim]
   * @param upsampleSize the {@code [height, width]} to upsample to (the next skip's size), or
   *     {@code null} for 2x
   * @return [B, C_out, 2h, 2w] ([B, C_out, h, w] on the last level)
   */
  public NDArray apply(NDArray x, List<NDArray> skips, NDArray temb, NDArray context, long[] upsampleSize) {
    if (skips.size() != resnets.size()) {
      throw new IllegalArgumentException(
          "an up block with " + resnets.size() + " resnets needs as many skip connections, got " + skips.size());
    }
    return Scoped.compute(() -> {
      NDArray h = x;
      for (int j = 0; j < resnets.size(); j++) {
        NDArray skip = skips.get(skips.size() - 1 - j);
        h = resnets.get(j).apply(h.concat(skip, 1), temb);
        if (!attentions.isEmpty()) {
          h = attentions.get(j).apply(h, context);
        }
      }
      if (upsampler == null) {
        return h;
      }
      return upsampleSize == null ? upsampler.apply(h) : upsampler.apply(h, upsampleSize[0], upsampleSize[1]);
    });
  }

  public int resnetCount() {
    return resnets.size();
  }
}
