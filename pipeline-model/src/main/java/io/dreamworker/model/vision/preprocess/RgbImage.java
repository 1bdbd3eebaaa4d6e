package io.dreamworker.model.vision.preprocess;

/**
 * An 8-bit RGB image, PIL's mode {@code "RGB"}: row-major, three interleaved unsigned bytes per
 * pixel (read them with {@code & 0xFF}).
 *
 * @param width pixels per row
 * @param height rows
 * @param rgb width × height × 3 bytes
 */
public record RgbImage(int width, int height, byte[] rgb) {

  public RgbImage {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive, got " + width + " x " + height);
    }
    if (rgb.length != (long) width * height * 3) {
      throw new IllegalArgumentException(
          "an RGB image of " + width + " x " + height + " needs " + (long) width * height * 3
              + " bytes, got " + rgb.length);
    }
  }

  /** The sample of channel {@code c} (0 = R, 1 = G, 2 = B) at ({@code x}, {@code y}), 0..255. */
  public int sample(int x, int y, int c) {
    return rgb[(y * width + x) * 3 + c] & 0xFF;
  }
}
