package io.dreamworker.model.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.dreamworker.model.nn.Scalars;
import io.dreamworker.model.weights.Weights;

/**
 * transformers' {@code LlamaRMSNorm}: {@code weight * x / sqrt(mean(x^2) + eps)} over the last
 * axis, with the statistics computed in float32 whatever the input type, and the normalised
 * values cast back to the input type before the weight is applied (as the reference does).
 *
 * @param weight [dim]
 * @param eps {@code rms_norm_eps}
 */
public record RmsNorm(NDArray weight, float eps) {

  public static RmsNorm load(Weights w, String module, long dim, double eps) {
    return new RmsNorm(w.child(module).get("weight", dim), (float) eps);
  }

  /** Normalises {@code x} [..., dim]. */
  public NDArray apply(NDArray x) {
    DataType inputType = x.getDataType();
    NDArray x32 = inputType == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
    NDArray variance = x32.square().mean(new int[] {-1}, true);
    // torch.pow(t, -0.5) dispatches to rsqrt, the reference's own operation.
    NDArray normed = x32.mul(Scalars.pow(variance.add(eps), -0.5f));
    if (inputType != DataType.FLOAT32) {
      normed = normed.toType(inputType, false);
    }
    return normed.mul(weight);
  }
}
