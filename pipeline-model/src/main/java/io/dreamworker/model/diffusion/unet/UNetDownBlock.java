package io.dreamworker.model.diffusion.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.dreamworker.model.diffusion.Downsample2D;
import io.dreamworker.model.diffusion.ResnetBlock2D;
import io.dreamworker.model.diffusion.Scoped;
import io.dreamworker.model.diffusion.Transformer2D;
import java.util.List;

/**
 * One down level: diffusers {@code CrossAttnDownBlock2D} (each resnet followed by a
 * {@link Transformer2D}) or {@code DownBlock2D} (resnets only), then a stride-2
 * {@code downsamplers.0} except on the last level. Every resnet(+attention) output and the
 * downsampler's output are kept as skip connections for the up path.
 *
 * @param resnets {@code resnets.{j}}
 * @param attentions {@code attentions.{j}}, one per resnet, or empty for {@code DownBlock2D}
 * @param downsampler {@code downsamplers.0}, or {@code null} on the last level
 */
public record UNetDownBlock(List<ResnetBlock2D> resnets, List<Transformer2D> attentions, Downsample2D downsampler) {

  public UNetDownBlock {
    resnets = List.copyOf(resnets);
    attentions = List.copyOf(attentions);
    if (!attentions.isEmpty() && attentions.size() != resnets.size()) {
      throw new IllegalArgumentException(
          "a cross-attention down block needs one attention per resnet, got " + attentions.size() + " for " + resnets.size());
    }
  }

  /**
   * @param x [B, C_in, H, W]
   * @param temb [B, time_embed_dim]
   * @param context [B, S, cross_attention_dim]
   * @return the skip outputs in order, the last of which is the block's output (the
   *     downsampler's, [B, C_out, H/2, W/2], when there is one)
   */
  public NDList apply(NDArray x, NDArray temb, NDArray context) {
    return Scoped.computeAll(() -> {
      NDList outputs = new NDList();
      NDArray h = x;
      for (int j = 0; j < resnets.size(); j++) {
        h = resnets.get(j).apply(h, temb);
        if (!attentions.isEmpty()) {
          h = attentions.get(j).apply(h, context);
        }
        outputs.add(h);
      }
      if (downsampler != null) {
        outputs.add(downsampler.apply(h));
      }
      return outputs;
    });
  }

  /** How many skip connections {@link #apply} produces. */
  public int skipCount() {
    return resnets.size() + (downsampler != null ? 1 : 0);
  }
}
