package io.dreamworker.model.diffusion.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * An 8-bit RGB image, pixels row-major and interleaved ({@code r, g, b} per pixel), made from
 * decoder output the way diffusers' {@code VaeImageProcessor.postprocess(output_type="pil")}
 * does: {@code round(clamp(x / 2 + 0.5, 0, 1) * 255)}.
 *
 * @param width pixels per row
 * @param height rows
 * @param rgb {@code 3 * width * height} bytes (unsigned values)
 */
public record Rgb8Image(int width, int height, byte[] rgb) {

  public Rgb8Image {
    if (rgb.length != 3L * width * height) {
      throw new IllegalArgumentException(
          "an RGB image of " + width + "x" + height + " needs " + 3L * width * height + " bytes, got " + rgb.length);
    }
  }

  /**
   * Converts a decoded batch.
   *
   * @param decoded [B, 3, H, W], values nominally in [-1, 1] (clamped)
   * @return one image per batch row
   */
  public static List<Rgb8Image> fromDecoded(NDArray decoded) {
    Shape s = decoded.getShape();
    if (s.dimension() != 4 || s.get(1) != 3) {
      throw new IllegalArgumentException("decoded images must be [B, 3, H, W], got " + s);
    }
    int batch = Math.toIntExact(s.get(0));
    int height = Math.toIntExact(s.get(2));
    int width = Math.toIntExact(s.get(3));
    float[] values = decoded.toType(DataType.FLOAT32, false).toFloatArray();
    int plane = height * width;
    List<Rgb8Image> images = new ArrayList<>(batch);
    for (int b = 0; b < batch; b++) {
      byte[] rgb = new byte[3 * plane];
      int base = b * 3 * plane;
      for (int p = 0; p < plane; p++) {
        for (int c = 0; c < 3; c++) {
          rgb[3 * p + c] = (byte) toByte(values[base + c * plane + p]);
        }
      }
      images.add(new Rgb8Image(width, height, rgb));
    }
    return images;
  }

  /** {@code round(clamp(v / 2 + 0.5, 0, 1) * 255)}, rounding halves to even as numpy does. */
  static int toByte(float v) {
    float unit = Math.min(Math.max(v / 2f + 0.5f, 0f), 1f);
    return (int) Math.rint(unit * 255f);
  }

  /** The value (0..255) of channel {@code c} at column {@code x}, row {@code y}. */
  public int channel(int x, int y, int c) {
    return rgb[3 * (y * width + x) + c] & 0xff;
  }

  /** A {@code TYPE_INT_RGB} image, for {@code ImageIO.write(image, "png", out)}. */
  public BufferedImage toBufferedImage() {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, channel(x, y, 0) << 16 | channel(x, y, 1) << 8 | channel(x, y, 2));
      }
    }
    return image;
  }
}
