package io.dreamworker.model.weights;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * The element types of the safetensors format that dreamworker reads, with their width on disk and
 * the type they have once loaded. BF16 and F16 are widened to F32 on load: DJL's PyTorch engine
 * aborts the process (not a catchable exception) on some BF16 CPU kernels, and the CPU kernels for
 * F16 are incomplete.
 */
public enum DType {
  F32(4, DataType.FLOAT32),
  F16(2, DataType.FLOAT32),
  BF16(2, DataType.FLOAT32),
  I64(8, DataType.INT64),
  I32(4, DataType.INT32),
  U8(1, DataType.UINT8);

  private final int bytesPerElement;
  private final DataType loadedAs;

  DType(int bytesPerElement, DataType loadedAs) {
    this.bytesPerElement = bytesPerElement;
    this.loadedAs = loadedAs;
  }

  /** Bytes per element in the file. */
  public int bytesPerElement() {
    return bytesPerElement;
  }

  /** The DJL type of the array this dtype is loaded as. */
  public DataType loadedAs() {
    return loadedAs;
  }

  /** Whether loading converts the bytes (rather than handing the file's bytes to the engine). */
  public boolean widens() {
    return this == F16 || this == BF16;
  }

  /**
   * The dtype named in a safetensors header.
   *
   * @throws IllegalArgumentException naming the dtype when it is not one dreamworker reads
   */
  public static DType fromHeader(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unsupported safetensors dtype '" + name + "' (supported: F32, F16, BF16, I64, I32, U8)");
    }
  }

  /** The dtype that stores a DJL type unchanged, for writing. */
  public static DType of(DataType type) {
    return switch (type) {
      case FLOAT32 -> F32;
      case INT64 -> I64;
      case INT32 -> I32;
      case UINT8 -> U8;
      default -> throw new IllegalArgumentException("cannot write DJL type " + type + " to safetensors");
    };
  }
}
