package io.dreamworker.model.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;

/**
 * transformers' {@code LlamaRotaryEmbedding} and {@code apply_rotary_pos_emb}: the inverse
 * frequencies {@code theta^(-2i/d)} (divided by the factor for linear scaling), angles
 * {@code position * inv_freq} duplicated over both halves of the head, and the rotation
 * {@code x cos + rotate_half(x) sin} with {@code rotate_half(x) = [-x2, x1]}.
 */
public final class RotaryEmbedding {
  private final NDArray invFreq; // [d/2]

  private RotaryEmbedding(NDArray invFreq) {
    this.invFreq = invFreq;
  }

  /** Computes the inverse frequencies in float32, the way the reference does, into {@code manager}. */
  public static RotaryEmbedding create(RopeParameters rope, int headDim, NDManager manager) {
    NDArray exponents =
        manager.arange(0, headDim, 2, DataType.INT64).toType(DataType.FLOAT32, false).div(headDim);
    NDArray invFreq = NDArrays.div(1f, manager.create((float) rope.theta()).pow(exponents));
    if (rope.type() == RopeParameters.Type.LINEAR) {
      invFreq = invFreq.div((float) rope.factor());
    }
    return new RotaryEmbedding(invFreq);
  }

  /** [d/2]. */
  public NDArray inverseFrequencies() {
    return invFreq;
  }

  /**
   * The rotation for some positions.
   *
   * @param positions integer positions [B, T] (or [1, T] shared by every row)
   * @return {@code cos} and {@code sin}, each [B, 1, T, d], broadcastable over heads
   */
  public NDList cosSin(NDArray positions) {
    // The reference multiplies float32 positions by float32 frequencies (as a matmul of a single
    // term, which is the same product).
    NDArray freqs = positions.toType(DataType.FLOAT32, false).expandDims(-1).mul(invFreq);
    NDArray angles = freqs.concat(freqs, -1).expandDims(1);
    return new NDList(angles.cos(), angles.sin());
  }

  /** Rotates {@code x} [B, heads, T, d] by {@code cos}, {@code sin} [B, 1, T, d]. */
  public static NDArray apply(NDArray x, NDArray cos, NDArray sin) {
    long half = x.getShape().get(x.getShape().dimension() - 1) / 2;
    NDArray x1 = x.get(new NDIndex("..., :{}", half));
    NDArray x2 = x.get(new NDIndex("..., {}:", half));
    NDArray rotated = x2.neg().concat(x1, -1);
    return x.mul(cos).add(rotated.mul(sin));
  }
}
