package io.dreamworker.model.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.weights.Weights;

/**
 * {@code torch.nn.Conv2d} with square kernels, symmetric zero padding, no dilation and no groups:
 * the only convolutions diffusers' UNet and VAE use.
 *
 * @param weight [out, in, k, k]
 * @param bias [out], or {@code null}
 * @param stride the stride along both axes
 * @param padding zeros added on each side of both axes
 */
public record Conv2d(NDArray weight, NDArray bias, int stride, int padding) {

  /** Loads {@code module.weight} [out, in, k, k] and {@code module.bias} [out]. */
  public static Conv2d load(Weights w, String module, long in, long out, int kernel, int stride, int padding) {
    Weights m = w.child(module);
    return new Conv2d(m.get("weight", out, in, kernel, kernel), m.get("bias", out), stride, padding);
  }

  /** A stride-1 convolution that keeps the spatial size ({@code padding = (k - 1) / 2}). */
  public static Conv2d loadSame(Weights w, String module, long in, long out, int kernel) {
    return load(w, module, in, out, kernel, 1, (kernel - 1) / 2);
  }

  /** [B, in, H, W] → [B, out, H', W']. */
  public NDArray apply(NDArray x) {
    return ai.djl.nn.convolutional.Conv2d.conv2d(
            x, weight, bias, new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1), 1)
        .singletonOrThrow();
  }

  public long inChannels() {
    return weight.getShape().get(1);
  }

  public long outChannels() {
    return weight.getShape().get(0);
  }
}
