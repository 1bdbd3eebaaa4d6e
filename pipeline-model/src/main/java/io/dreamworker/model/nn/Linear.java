package io.dreamworker.model.nn;

import ai.djl.ndarray.NDArray;
import io.dreamworker.model.weights.Weights;

/**
 * {@code torch.nn.Linear}: {@code y = x W^T + b}, with the reference's {@code weight} [out, in]
 * and optional {@code bias} [out].
 *
 * @param weight [out, in]
 * @param bias [out], or {@code null} for a layer without bias
 */
public record Linear(NDArray weight, NDArray bias) {

  /** Loads {@code module.weight} and, when {@code withBias}, {@code module.bias}. */
  public static Linear load(Weights w, String module, long in, long out, boolean withBias) {
    Weights m = w.child(module);
    return new Linear(m.get("weight", out, in), withBias ? m.get("bias", out) : null);
  }

  /** Loads {@code module.weight} and the bias if the checkpoint has one. */
  public static Linear loadOptionalBias(Weights w, String module, long in, long out) {
    Weights m = w.child(module);
    return new Linear(m.get("weight", out, in), m.find("bias", out));
  }

  /** Applies the layer over the last axis of {@code x} [..., in] → [..., out]. */
  public NDArray apply(NDArray x) {
    return ai.djl.nn.core.Linear.linear(x, weight, bias).singletonOrThrow();
  }

  public long inFeatures() {
    return weight.getShape().get(1);
  }

  public long outFeatures() {
    return weight.getShape().get(0);
  }
}
