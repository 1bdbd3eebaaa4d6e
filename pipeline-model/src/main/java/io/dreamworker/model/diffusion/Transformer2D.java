package io.dreamworker.model.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.nn.Linear;
import io.dreamworker.model.weights.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * diffusers {@code Transformer2DModel} on continuous input (the UNet's cross-attention layers):
 * group norm, {@code proj_in} to the inner width, {@link BasicTransformerBlock}s over the H*W
 * positions, {@code proj_out} back, plus the input as a residual.
 *
 * <p>With {@code use_linear_projection} the projections are {@code nn.Linear} (SD 2.x); without
 * it they are 1x1 {@code nn.Conv2d} (SD 1.x). A 1x1 convolution is the same map as a linear layer
 * over channels, so both checkpoint layouts load into {@link Linear} and are applied to [B, HW, C].
 *
 * @param norm {@code norm}: group norm with eps 1e-6 (fixed in the reference)
 * @param projIn {@code proj_in}: C → inner
 * @param blocks {@code transformer_blocks.{k}}
 * @param projOut {@code proj_out}: inner → C
 */
public record Transformer2D(GroupNorm norm, Linear projIn, List<BasicTransformerBlock> blocks, Linear projOut) {

  static final float GROUP_NORM_EPS = 1e-6f;

  public Transformer2D {
    blocks = List.copyOf(blocks);
  }

  /**
   * Loads {@code module.{norm,proj_in,transformer_blocks.*,proj_out}}.
   *
   * @param channels C, the input and output channels; the inner width is {@code heads * (C / heads)}
   *     and must equal C
   * @param heads attention heads per block
   * @param layers the number of transformer blocks
   * @param linearProjection {@code use_linear_projection}
   */
  public static Transformer2D load(
      Weights w, String module, long channels, int heads, int layers, long crossAttentionDim,
      int groups, boolean linearProjection) {
    if (heads <= 0 || channels % heads != 0) {
      throw new IllegalArgumentException(
          "'" + w.fullName(module) + "' has " + channels + " channels, which " + heads
              + " attention heads do not divide: choose a head count (attention_head_dim, per level) that divides"
              + " the level's block_out_channels");
    }
    Weights m = w.child(module);
    List<BasicTransformerBlock> blocks = new ArrayList<>();
    for (int k = 0; k < layers; k++) {
      blocks.add(BasicTransformerBlock.load(m, "transformer_blocks." + k, channels, heads, crossAttentionDim));
    }
    return new Transformer2D(
        GroupNorm.load(m, "norm", channels, groups, GROUP_NORM_EPS),
        projection(m, "proj_in", channels, linearProjection),
        blocks,
        projection(m, "proj_out", channels, linearProjection));
  }

  private static Linear projection(Weights m, String module, long channels, boolean linear) {
    if (linear) {
      return Linear.load(m, module, channels, channels, true);
    }
    Weights p = m.child(module);
    NDArray weight = p.get("weight", channels, channels, 1, 1).reshape(channels, channels);
    return new Linear(weight, p.get("bias", channels));
  }

  /**
   * @param x [B, C, H, W]
   * @param context [B, S, cross_attention_dim]
   * @return [B, C, H, W]
   */
  public NDArray apply(NDArray x, NDArray context) {
    return Scoped.compute(() -> {
      Shape s = x.getShape();
      long b = s.get(0);
      long c = s.get(1);
      long h = s.get(2);
      long w = s.get(3);
      NDArray t = norm.apply(x).transpose(0, 2, 3, 1).reshape(b, h * w, c);
      t = projIn.apply(t);
      for (BasicTransformerBlock block : blocks) {
        t = block.apply(t, context);
      }
      t = projOut.apply(t).reshape(b, h, w, c).transpose(0, 3, 1, 2);
      return t.add(x);
    });
  }
}
