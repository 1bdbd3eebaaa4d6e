package io.dreamworker.model.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.weights.Weights;
import java.util.Arrays;

/**
 * {@code torch.nn.GroupNorm(num_groups, num_channels, eps, affine=True)}: the channels are split
 * into groups, each group of each sample is normalised by its own mean and biased variance over
 * its channels and all spatial positions, then each channel is scaled and shifted.
 *
 * <p>DJL has no group norm operator, so this computes it: reshape to [B, G, C/G * spatial], two-
 * pass mean and variance (as accurate as torch's kernel in float32), then the per-channel affine.
 *
 * @param weight [C]
 * @param bias [C]
 * @param groups the number of groups; divides C
 * @param eps added to the variance
 */
public record GroupNorm(NDArray weight, NDArray bias, int groups, float eps) {

  public GroupNorm {
    long channels = weight.getShape().get(0);
    if (groups <= 0 || channels % groups != 0) {
      throw new IllegalArgumentException(
          "group norm over " + channels + " channels cannot use " + groups
              + " groups: the number of groups (norm_num_groups) must divide every channel count");
    }
  }

  /**
   * Loads {@code module.weight} and {@code module.bias}, both [channels].
   *
   * @throws IllegalArgumentException naming the module when {@code groups} does not divide
   *     {@code channels}
   */
  public static GroupNorm load(Weights w, String module, long channels, int groups, float eps) {
    if (groups <= 0 || channels % groups != 0) {
      throw new IllegalArgumentException(
          "'" + w.fullName(module) + "' normalises " + channels + " channels in " + groups
              + " groups: the number of groups (norm_num_groups) must divide every channel count");
    }
    Weights m = w.child(module);
    return new GroupNorm(m.get("weight", channels), m.get("bias", channels), groups, eps);
  }

  /** Normalises {@code x} [B, C, ...] (any number of trailing spatial axes). */
  public NDArray apply(NDArray x) {
    Shape shape = x.getShape();
    long batch = shape.get(0);
    long channels = shape.get(1);
    if (channels != weight.getShape().get(0)) {
      throw new IllegalArgumentException(
          "group norm expects " + weight.getShape().get(0) + " channels, got input of shape " + shape);
    }
    NDArray grouped = x.reshape(batch, groups, -1);
    NDArray centred = grouped.sub(grouped.mean(new int[] {2}, true));
    NDArray variance = centred.square().mean(new int[] {2}, true);
    NDArray normalised = centred.div(variance.add(eps).sqrt()).reshape(shape);
    long[] affine = new long[shape.dimension()];
    Arrays.fill(affine, 1);
    affine[1] = channels;
    Shape affineShape = new Shape(affine);
    return normalised.mul(weight.reshape(affineShape)).add(bias.reshape(affineShape));
  }

  public long channels() {
    return weight.getShape().get(0);
  }
}
