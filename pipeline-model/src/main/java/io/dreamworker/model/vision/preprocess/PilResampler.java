package io.dreamworker.model.vision.preprocess;

import io.dreamworker.model.image.RgbImage;

/**
 * PIL's {@code Image.resize} for 8-bit RGB ({@code ImagingResample}): a separable convolution,
 * horizontal pass then vertical, whose kernel support grows with the downscale factor so that
 * downscaling averages every source pixel (antialiasing). Weights are fixed-point numbers and each
 * pass rounds and clamps to 8 bits, so that results match the chosen library's to the byte (see
 * {@link ResampleArithmetic}).
 */
public final class PilResampler {

  private PilResampler() {}

  /**
   * Resizes {@code image} to {@code width} × {@code height}.
   *
   * @throws IllegalArgumentException if a target side is not positive
   */
  public static RgbImage resize(
      RgbImage image, int width, int height, ResampleFilter filter, ResampleArithmetic arithmetic) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("target size must be positive, got " + width + " x " + height);
    }
    RgbImage out = image;
    if (width != image.width()) {
      out = horizontal(out, width, Coefficients.of(image.width(), width, filter, arithmetic));
    }
    if (height != image.height()) {
      out = vertical(out, height, Coefficients.of(image.height(), height, filter, arithmetic));
    }
    return out;
  }

  private static RgbImage horizontal(RgbImage in, int outWidth, Coefficients k) {
    byte[] src = in.rgb();
    byte[] dst = new byte[outWidth * in.height() * 3];
    for (int y = 0; y < in.height(); y++) {
      int rowIn = y * in.width() * 3;
      int rowOut = y * outWidth * 3;
      for (int x = 0; x < outWidth; x++) {
        int first = k.first[x];
        int base = x * k.size;
        for (int c = 0; c < 3; c++) {
          int acc = k.half();
          for (int i = 0; i < k.count[x]; i++) {
            acc += (src[rowIn + (first + i) * 3 + c] & 0xFF) * k.weights[base + i];
          }
          dst[rowOut + x * 3 + c] = k.clip8(acc);
        }
      }
    }
    return new RgbImage(outWidth, in.height(), dst);
  }

  private static RgbImage vertical(RgbImage in, int outHeight, Coefficients k) {
    byte[] src = in.rgb();
    int stride = in.width() * 3;
    byte[] dst = new byte[outHeight * stride];
    for (int y = 0; y < outHeight; y++) {
      int first = k.first[y];
      int base = y * k.size;
      for (int j = 0; j < stride; j++) {
        int acc = k.half();
        for (int i = 0; i < k.count[y]; i++) {
          acc += (src[(first + i) * stride + j] & 0xFF) * k.weights[base + i];
        }
        dst[y * stride + j] = k.clip8(acc);
      }
    }
    return new RgbImage(in.width(), outHeight, dst);
  }

  /**
   * PIL's {@code precompute_coeffs} then its fixed-point conversion: for each output position,
   * the first source index, the number of taps and their weights with {@code bits} fractional
   * bits.
   */
  private record Coefficients(int size, int[] first, int[] count, int[] weights, int bits) {

    static Coefficients of(
        int inSize, int outSize, ResampleFilter filter, ResampleArithmetic arithmetic) {
      double scale = (double) inSize / outSize;
      double filterScale = Math.max(scale, 1.0);
      double support = filter.support() * filterScale;
      int size = (int) Math.ceil(support) * 2 + 1;
      int[] first = new int[outSize];
      int[] count = new int[outSize];
      double[] normalised = new double[outSize * size];
      // PIL multiplies by the reciprocal; dividing could move a weight by one fixed-point step.
      double inverseScale = 1.0 / filterScale;
      double largest = 0;
      for (int o = 0; o < outSize; o++) {
        double center = (o + 0.5) * scale;
        // PIL rounds with a C cast (toward zero) before clamping; Java's cast does the same.
        int min = Math.max((int) (center - support + 0.5), 0);
        int max = Math.min((int) (center + support + 0.5), inSize) - min;
        double total = 0;
        for (int i = 0; i < max; i++) {
          double w = filter.weight((i + min - center + 0.5) * inverseScale);
          normalised[o * size + i] = w;
          total += w;
        }
        for (int i = 0; i < max; i++) {
          if (total != 0.0) {
            normalised[o * size + i] /= total;
          }
          largest = Math.max(largest, normalised[o * size + i]);
        }
        first[o] = min;
        count[o] = max;
      }
      int bits = arithmetic.precisionBits(largest);
      int[] weights = new int[normalised.length];
      for (int i = 0; i < normalised.length; i++) {
        double fixed = normalised[i] * (1 << bits);
        weights[i] = (int) (normalised[i] < 0 ? fixed - 0.5 : fixed + 0.5);
      }
      return new Coefficients(size, first, count, weights, bits);
    }

    /** The rounding offset a sum starts from. */
    int half() {
      return 1 << (bits - 1);
    }

    /** A weighted sum back to 0..255. */
    byte clip8(int acc) {
      return (byte) Math.clamp(acc >> bits, 0, 255);
    }
  }
}
