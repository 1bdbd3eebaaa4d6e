package io.dreamworker.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Arithmetic with a constant, safe under autograd. DJL's {@code x.mul(2f)} wraps the constant in a
 * 0-d tensor over a Java buffer ({@code from_blob}) and closes it as soon as the product exists, which
 * lets the buffer be collected; but autograd keeps that tensor to compute {@code x}'s gradient, so a
 * backward pass after a garbage collection reads freed memory (gradients turn to garbage or NaN at
 * random steps). Here the constant is made by the engine itself ({@code torch.full}), whose memory is
 * reference-counted and outlives the Java handle. The results are the same numbers as DJL's own
 * (the same float32 0-d operand), so inference is unchanged.
 */
public final class Scalars {
  private Scalars() {}

  /** {@code x * c}. */
  public static NDArray mul(NDArray x, float c) {
    try (NDArray constant = constant(x, c)) {
      return x.mul(constant);
    }
  }

  /** {@code x / c}. */
  public static NDArray div(NDArray x, float c) {
    try (NDArray constant = constant(x, c)) {
      return x.div(constant);
    }
  }

  /** {@code x ^ e}. */
  public static NDArray pow(NDArray x, float e) {
    try (NDArray constant = constant(x, e)) {
      return x.pow(constant);
    }
  }

  private static NDArray constant(NDArray x, float value) {
    return x.getManager().full(new Shape(), value, DataType.FLOAT32);
  }
}
