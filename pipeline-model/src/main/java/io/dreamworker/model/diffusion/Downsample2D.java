package io.dreamworker.model.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.weights.Weights;

/**
 * diffusers {@code Downsample2D(use_conv=True)}: a 3x3 convolution of stride 2. With padding 0
 * (the VAE encoder, or a UNet with {@code downsample_padding=0}) the reference first pads one row
 * and one column of zeros at the bottom and right only, so that even sizes halve exactly.
 *
 * @param conv {@code conv}, stride 2
 */
public record Downsample2D(Conv2d conv) {

  /** Loads {@code module.conv} [channels, channels, 3, 3]. */
  public static Downsample2D load(Weights w, String module, long channels, int padding) {
    return new Downsample2D(Conv2d.load(w.child(module), "conv", channels, channels, 3, 2, padding));
  }

  /** [B, C, H, W] → [B, C, ceil(H/2), ceil(W/2)] (padding 1) or [B, C, floor(H/2), floor(W/2)] (padding 0). */
  public NDArray apply(NDArray x) {
    if (conv.padding() == 0) {
      // torch pad order: (left, right) of the last axis, then (top, bottom) of the one before.
      return Scoped.compute(() -> conv.apply(x.pad(new Shape(0, 1, 0, 1), 0)));
    }
    return conv.apply(x);
  }
}
