package io.dreamworker.model.diffusion.unet;

import ai.djl.ndarray.NDArray;
import io.dreamworker.model.diffusion.ResnetBlock2D;
import io.dreamworker.model.diffusion.Scoped;
import io.dreamworker.model.diffusion.Transformer2D;
import java.util.List;

/**
 * diffusers {@code UNetMidBlock2DCrossAttn} (with {@code num_layers=1}, as the UNet builds it):
 * resnet, then each attention followed by another resnet, at the lowest resolution.
 *
 * @param resnets {@code resnets.{j}}, one more than attentions
 * @param attentions {@code attentions.{j}}
 */
public record UNetMidBlock(List<ResnetBlock2D> resnets, List<Transformer2D> attentions) {

  public UNetMidBlock {
    resnets = List.copyOf(resnets);
    attentions = List.copyOf(attentions);
    if (resnets.size() != attentions.size() + 1) {
      throw new IllegalArgumentException(
          "a mid block needs one resnet more than attentions, got " + resnets.size() + " and " + attentions.size());
    }
  }

  /** [B, C, h, w] → [B, C, h, w]. */
  public NDArray apply(NDArray x, NDArray temb, NDArray context) {
    return Scoped.compute(() -> {
      NDArray h = resnets.get(0).apply(x, temb);
      for (int j = 0; j < attentions.size(); j++) {
        h = attentions.get(j).apply(h, context);
        h = resnets.get(j + 1).apply(h, temb);
      }
      return h;
    });
  }
}
