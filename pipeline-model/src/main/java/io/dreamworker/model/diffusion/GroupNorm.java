package io.dreamworker.model.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.weights.Weights;
import java.util.Arrays;

/**
 * {@code torch.nn.GroupNorm(num_groups, num_channels, eps, affine=True)}: the channels are split
 * into groups, each group of each sample is normalised by its own mean and biased variance over
 * its channels and all spatial positions, then each channel is scaled and shifted.
 *
 * <p>DJL has no group norm operator, so this computes it: reshape to [B, G, C/G * spatial], torch's
 * layer norm kernel over the last axis (one fused op, the same statistics as torch's group norm
 * kernel), then the per-channel affine.
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
    // [B, G, C/G * spatial]: a layer norm over the last axis is the group norm without affine.
    NDArray grouped = x.reshape(batch, groups, -1);
    Shape group = new Shape(grouped.getShape().get(2));
    NDManager m = x.getManager();
    NDArray normalised = ai.djl.nn.norm.LayerNorm.layerNorm(grouped, group, m.ones(group), m.zeros(group), eps)
        .singletonOrThrow()
        .reshape(shape);
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
