package io.dreamworker.model.diffusion.scheduler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * Classifier-free guidance as diffusers' Stable Diffusion pipeline applies it: {@code uncond +
 * scale * (cond - uncond)}, optionally followed by {@code rescale_noise_cfg} (arXiv 2305.08891,
 * section 3.4), which pulls the guided prediction's standard deviation back towards the
 * conditional one's: {@code phi * guided * std(cond) / std(guided) + (1 - phi) * guided}, with
 * unbiased standard deviations over all but the batch dimension.
 *
 * <p>The model runs once over the stacked pair in the pipeline's order: the unconditional half
 * first, then the conditional half ({@code torch.cat([negative_prompt_embeds, prompt_embeds])}, then
 * {@code noise_pred.chunk(2)}).
 *
 * @param scale {@code guidance_scale}; 1 means the conditional prediction alone
 * @param guidanceRescale {@code guidance_rescale} phi in [0, 1]; 0 turns the rescale off
 */
public record ClassifierFreeGuidance(double scale, double guidanceRescale) {

  public ClassifierFreeGuidance {
    if (!Double.isFinite(scale)) {
      throw new IllegalArgumentException("guidance_scale=" + scale + " must be finite");
    }
    if (!(guidanceRescale >= 0 && guidanceRescale <= 1)) {
      throw new IllegalArgumentException("guidance_rescale=" + guidanceRescale + " must lie in [0, 1] (0 is off)");
    }
  }

  /** Guidance without rescale. */
  public ClassifierFreeGuidance(double scale) {
    this(scale, 0);
  }

  /**
   * @param stacked [2B, ...]: rows {@code 0..B-1} unconditional, rows {@code B..2B-1} conditional
   * @return [B, ...]
   */
  public NDArray apply(NDArray stacked) {
    Shape shape = stacked.getShape();
    if (shape.dimension() < 2 || shape.get(0) % 2 != 0) {
      throw new IllegalArgumentException(
          "guidance needs the [uncond; cond] stack [2B, ...], got " + shape);
    }
    long half = shape.get(0) / 2;
    NDArray result;
    try (NDScope scope = new NDScope()) {
      result = apply(stacked.get("0:" + half), stacked.get(half + ":"));
      NDScope.unregister(result);
    }
    return result;
  }

  /**
   * @param uncond [B, ...] the unconditional prediction
   * @param cond [B, ...] the conditional prediction
   * @return [B, ...]
   */
  public NDArray apply(NDArray uncond, NDArray cond) {
    return applyRows(uncond, cond, List.of(this));
  }

  /**
   * Guidance with each row's own settings, for a batch of requests.
   *
   * @param uncond [B, ...]
   * @param cond [B, ...]
   * @param rows one setting per row, or one for all rows
   */
  public static NDArray applyRows(NDArray uncond, NDArray cond, List<ClassifierFreeGuidance> rows) {
    Shape shape = cond.getShape();
    if (!uncond.getShape().equals(shape) || shape.dimension() < 2) {
      throw new IllegalArgumentException(
          "unconditional " + uncond.getShape() + " and conditional " + shape + " predictions must share a shape [B, ...]");
    }
    if (rows.size() != 1 && rows.size() != shape.get(0)) {
      throw new IllegalArgumentException(
          "need one guidance setting per row of " + shape + " (or one for all), got " + rows.size());
    }
    NDArray result;
    try (NDScope scope = new NDScope()) {
      NDArray guided = uncond.add(cond.sub(uncond).mul(perRow(rows, cond, true)));
      if (rows.stream().anyMatch(r -> r.guidanceRescale > 0)) {
        guided = rescale(guided, cond, perRow(rows, cond, false));
      }
      result = guided;
      NDScope.unregister(result);
    }
    return result;
  }

  private static NDArray rescale(NDArray guided, NDArray cond, NDArray phi) {
    NDArray rescaled = guided.mul(std(cond).div(std(guided)));
    return rescaled.mul(phi).add(guided.mul(phi.neg().add(1f)));
  }

  /** torch's {@code std(dim=1.., keepdim=True)}: the unbiased standard deviation of each row, [B, 1, ..., 1]. */
  private static NDArray std(NDArray x) {
    Shape shape = x.getShape();
    long rows = shape.get(0);
    // Flattened to [B, N] because the engine reduces over one axis at a time.
    NDArray flat = x.reshape(rows, -1);
    NDArray centred = flat.sub(flat.mean(new int[] {1}, true));
    NDArray variance = centred.mul(centred).sum(new int[] {1}, true).div((float) (flat.getShape().get(1) - 1));
    long[] dims = new long[shape.dimension()];
    Arrays.fill(dims, 1);
    dims[0] = rows;
    return variance.sqrt().reshape(new Shape(dims));
  }

  /** Each row's scale (or rescale) as [B, 1, ..., 1]. */
  private static NDArray perRow(List<ClassifierFreeGuidance> rows, NDArray like, boolean scale) {
    float[] values = new float[rows.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (scale ? rows.get(i).scale : rows.get(i).guidanceRescale);
    }
    long[] dims = new long[like.getShape().dimension()];
    Arrays.fill(dims, 1);
    dims[0] = values.length;
    return like.getManager().create(values, new Shape(dims)).toType(like.getDataType(), false);
  }
}
