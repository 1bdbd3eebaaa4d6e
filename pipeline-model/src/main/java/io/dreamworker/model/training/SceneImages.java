package io.dreamworker.model.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.image.RgbImage;
import io.dreamworker.model.shapes.Scene;
import io.dreamworker.model.shapes.SceneRenderer;
import java.util.List;

/**
 * Rendered scenes as the VAE sees images: [B, 3, 64, 64] float32 in [-1, 1] (diffusers'
 * {@code VaeImageProcessor} normalisation, {@code 2 * x / 255 - 1}), and back.
 */
public final class SceneImages {
  private static final int N = Scene.SIZE;

  private final SceneRenderer renderer = new SceneRenderer();

  /** [B, 3, 64, 64] in [-1, 1], in {@code manager}. */
  public NDArray tensor(List<Scene> scenes, NDManager manager) {
    int plane = N * N;
    float[] values = new float[scenes.size() * 3 * plane];
    for (int b = 0; b < scenes.size(); b++) {
      int[] pixels = renderer.pixels(scenes.get(b));
      int base = b * 3 * plane;
      for (int p = 0; p < plane; p++) {
        values[base + p] = channel(pixels[p], 16);
        values[base + plane + p] = channel(pixels[p], 8);
        values[base + 2 * plane + p] = channel(pixels[p], 0);
      }
    }
    return manager.create(values, new Shape(scenes.size(), 3, N, N));
  }

  /** Packed 0xRRGGBB pixels of an 8-bit image, row-major, the layout {@code ShapeJudge} reads. */
  public static int[] packed(RgbImage image) {
    byte[] rgb = image.rgb();
    int[] out = new int[image.width() * image.height()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (rgb[3 * i] & 0xFF) << 16 | (rgb[3 * i + 1] & 0xFF) << 8 | (rgb[3 * i + 2] & 0xFF);
    }
    return out;
  }

  private static float channel(int rgb, int shift) {
    return ((rgb >> shift) & 0xFF) / 127.5f - 1f;
  }
}
