package io.dreamworker.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.weights.Weights;

/**
 * {@code torch.nn.LayerNorm} over the last axis, with {@code weight} and {@code bias} [dim].
 *
 * @param weight [dim]
 * @param bias [dim]
 * @param eps the reference config's epsilon ({@code layer_norm_eps})
 */
public record LayerNorm(NDArray weight, NDArray bias, float eps) {

  public static LayerNorm load(Weights w, String module, long dim, float eps) {
    Weights m = w.child(module);
    return new LayerNorm(m.get("weight", dim), m.get("bias", dim), eps);
  }

  /** Normalises {@code x} [..., dim]. */
  public NDArray apply(NDArray x) {
    return ai.djl.nn.norm.LayerNorm.layerNorm(
            x, new Shape(weight.getShape().get(0)), weight, bias, eps)
        .singletonOrThrow();
  }
}
