package io.dreamworker.model.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.weights.Weights;

/**
 * diffusers {@code Upsample2D(use_conv=True)}: nearest-neighbour upsampling by 2, then a 3x3
 * convolution.
 *
 * @param conv {@code conv}, stride 1, padding 1
 */
public record Upsample2D(Conv2d conv) {

  /** Loads {@code module.conv} [channels, channels, 3, 3]. */
  public static Upsample2D load(Weights w, String module, long channels) {
    return new Upsample2D(Conv2d.loadSame(w.child(module), "conv", channels, channels, 3));
  }

  /** [B, C, H, W] → [B, C, 2H, 2W]. */
  public NDArray apply(NDArray x) {
    return Scoped.compute(() -> conv.apply(nearest2x(x)));
  }

  /**
   * Upsamples to a given size, as the UNet does when the sample's size is not a multiple of its
   * total downsampling factor (the reference's {@code upsample_size}). The stride-2 convolutions of
   * the down path turn a size n into ceil(n / 2), so the target is 2H or 2H − 1; for 2H − 1,
   * torch's nearest rule {@code floor(j * H / (2H − 1))} picks the same rows as doubling and
   * dropping the last row.
   *
   * @throws IllegalArgumentException if the target is neither 2x nor 2x − 1 of the input
   */
  public NDArray apply(NDArray x, long height, long width) {
    long h = x.getShape().get(2);
    long w = x.getShape().get(3);
    if ((height != 2 * h && height != 2 * h - 1) || (width != 2 * w && width != 2 * w - 1)) {
      throw new IllegalArgumentException(
          "cannot upsample " + h + "x" + w + " to " + height + "x" + width
              + ": only 2x or 2x-1 (the sizes a stride-2 down path produces) are supported");
    }
    return Scoped.compute(() -> {
      NDArray up = nearest2x(x);
      if (height != 2 * h || width != 2 * w) {
        up = up.get(new NDIndex(":, :, :{}, :{}", height, width));
      }
      return conv.apply(up);
    });
  }

  /** Each pixel repeated into a 2x2 square: [B, C, H, W] → [B, C, 2H, 2W]. */
  static NDArray nearest2x(NDArray x) {
    Shape s = x.getShape();
    long b = s.get(0);
    long c = s.get(1);
    long h = s.get(2);
    long w = s.get(3);
    return x.reshape(b, c, h, 1, w, 1).broadcast(b, c, h, 2, w, 2).reshape(b, c, 2 * h, 2 * w);
  }
}
