package io.dreamworker.model.vision.preprocess;

/**
 * PIL's convolution resampling filters, by the integer codes that {@code resample} holds in
 * transformers' preprocessor configs ({@code PILImageResampling}). Each is PIL's kernel with PIL's
 * support (its radius in source pixels when not downscaling).
 */
public enum ResampleFilter {
  LANCZOS(1, 3.0),
  BILINEAR(2, 1.0),
  BICUBIC(3, 2.0),
  BOX(4, 0.5),
  HAMMING(5, 1.0);

  private final int pilCode;
  private final double support;

  ResampleFilter(int pilCode, double support) {
    this.pilCode = pilCode;
    this.support = support;
  }

  /**
   * The filter of a {@code resample} code.
   *
   * @throws IllegalArgumentException for NEAREST (0), which PIL does not resample by convolution,
   *     and unknown codes
   */
  public static ResampleFilter fromPilCode(int code) {
    for (ResampleFilter f : values()) {
      if (f.pilCode == code) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "resample " + code + " is not supported: use 1 (LANCZOS), 2 (BILINEAR), 3 (BICUBIC, CLIP's),"
            + " 4 (BOX) or 5 (HAMMING)");
  }

  public int pilCode() {
    return pilCode;
  }

  /** The kernel's radius at scale 1. */
  public double support() {
    return support;
  }

  /** The kernel's weight at distance {@code x} (in source pixels at scale 1). */
  public double weight(double x) {
    return switch (this) {
      case BOX -> (x > -0.5 && x <= 0.5) ? 1.0 : 0.0;
      case BILINEAR -> Math.max(0.0, 1.0 - Math.abs(x));
      case HAMMING -> hamming(Math.abs(x));
      case BICUBIC -> bicubic(Math.abs(x));
      case LANCZOS -> (x > -3.0 && x < 3.0) ? sinc(x) * sinc(x / 3.0) : 0.0;
    };
  }

  /** Keys' cubic with a = −0.5, PIL's choice (PyTorch's bicubic without antialias uses −0.75). */
  private static double bicubic(double x) {
    final double a = -0.5;
    if (x < 1.0) {
      return ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0;
    }
    if (x < 2.0) {
      return (((x - 5.0) * x + 8.0) * x - 4.0) * a;
    }
    return 0.0;
  }

  private static double hamming(double x) {
    if (x == 0.0) {
      return 1.0;
    }
    if (x >= 1.0) {
      return 0.0;
    }
    double px = x * Math.PI;
    return Math.sin(px) / px * (0.54 + 0.46 * Math.cos(px));
  }

  private static double sinc(double x) {
    if (x == 0.0) {
      return 1.0;
    }
    double px = x * Math.PI;
    return Math.sin(px) / px;
  }
}
