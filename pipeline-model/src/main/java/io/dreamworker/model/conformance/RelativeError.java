package io.dreamworker.model.conformance;

import ai.djl.ndarray.NDArray;

/** {@code ‖out − ref‖ / ‖ref‖}, the fixtures' measure of agreement. */
public final class RelativeError {
  private RelativeError() {}

  public static double of(NDArray out, NDArray ref) {
    if (!out.getShape().equals(ref.getShape())) {
      throw new IllegalArgumentException(
          "shape " + out.getShape() + " differs from the reference's " + ref.getShape());
    }
    float[] a = out.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
    float[] b = ref.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
    return of(a, b);
  }

  public static double of(float[] out, float[] ref) {
    if (out.length != ref.length) {
      throw new IllegalArgumentException(
          "length " + out.length + " differs from the reference's " + ref.length);
    }
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < out.length; i++) {
      double d = (double) out[i] - ref[i];
      diff += d * d;
      norm += (double) ref[i] * ref[i];
    }
    if (norm == 0) {
      return Math.sqrt(diff);
    }
    return Math.sqrt(diff / norm);
  }

}
