package io.dreamworker.model.weights;

import java.nio.ByteBuffer;

/** Conversions of 16-bit floats to F32, done on the Java side so the engine never sees BF16. */
final class Widening {
  private Widening() {}

  /**
   * Reads every 16-bit value of {@code from} (little-endian, from its position) and writes it as a
   * float into {@code to} (from its position).
   */
  static void toFloat32(DType dtype, ByteBuffer from, ByteBuffer to) {
    int n = from.remaining() / 2;
    int base = from.position();
    switch (dtype) {
      case BF16 -> {
        for (int i = 0; i < n; i++) {
          // bfloat16 is the top half of an IEEE float32.
          to.putFloat(Float.intBitsToFloat((from.getShort(base + 2 * i) & 0xffff) << 16));
        }
      }
      case F16 -> {
        for (int i = 0; i < n; i++) {
          to.putFloat(Float.float16ToFloat(from.getShort(base + 2 * i)));
        }
      }
      default -> throw new IllegalArgumentException(dtype + " is not a 16-bit float type");
    }
  }
}
