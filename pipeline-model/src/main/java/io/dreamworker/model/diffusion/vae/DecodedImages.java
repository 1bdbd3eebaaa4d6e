package io.dreamworker.model.diffusion.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.image.RgbImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The VAE decoder's output as 8-bit RGB images, rounded as diffusers' {@code VaeImageProcessor}
 * does ({@code (x / 2 + 0.5).clamp(0, 1)}, then numpy's round to 8 bits).
 */
public final class DecodedImages {
  private DecodedImages() {}

  /**
   * Converts a decoded batch.
   *
   * @param decoded [B, 3, H, W], values nominally in [-1, 1] (clamped)
   * @return one image per batch row
   */
  public static List<RgbImage> toRgb(NDArray decoded) {
    Shape s = decoded.getShape();
    if (s.dimension() != 4 || s.get(1) != 3) {
      throw new IllegalArgumentException("decoded images must be [B, 3, H, W], got " + s);
    }
    int batch = Math.toIntExact(s.get(0));
    int height = Math.toIntExact(s.get(2));
    int width = Math.toIntExact(s.get(3));
    float[] values = decoded.toType(DataType.FLOAT32, false).toFloatArray();
    int plane = height * width;
    List<RgbImage> images = new ArrayList<>(batch);
    for (int b = 0; b < batch; b++) {
      byte[] rgb = new byte[3 * plane];
      int base = b * 3 * plane;
      for (int p = 0; p < plane; p++) {
        for (int c = 0; c < 3; c++) {
          rgb[3 * p + c] = (byte) toByte(values[base + c * plane + p]);
        }
      }
      images.add(new RgbImage(width, height, rgb));
    }
    return images;
  }

  /** {@code round(clamp(v / 2 + 0.5, 0, 1) * 255)}, rounding halves to even as numpy does. */
  static int toByte(float v) {
    float unit = Math.min(Math.max(v / 2f + 0.5f, 0f), 1f);
    return (int) Math.rint(unit * 255f);
  }
}
