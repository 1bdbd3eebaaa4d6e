package io.dreamworker.model.image;

import java.awt.image.BufferedImage;

/**
 * An 8-bit RGB image, PIL's mode {@code "RGB"}: row-major, three interleaved unsigned bytes per
 * pixel (read them with {@code & 0xFF}). What input images decode to and what the VAE's output
 * becomes, so a generated image can go straight back through CLIP.
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

  /** A {@code TYPE_INT_RGB} image, for {@code ImageIO.write(image, "png", out)}. */
  public BufferedImage toBufferedImage() {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, sample(x, y, 0) << 16 | sample(x, y, 1) << 8 | sample(x, y, 2));
      }
    }
    return image;
  }
}
