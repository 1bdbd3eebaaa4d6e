package io.dreamworker.model.shapes;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Draws a scene to a 64x64 RGB image without anti-aliasing: a pixel takes the shape's exact colour when
 * its centre (x + 0.5, y + 0.5) lies inside the shape, else the background's, so every pixel holds one
 * of the seven domain colours and the same scene always gives the same bytes.
 *
 * <p>Geometry: the shape ({@link ShapeGeometry}) is centred on its position's box centre with width
 * {@link Size#extent()}.
 */
public final class SceneRenderer {

  /** Packed 0xRRGGBB per pixel, row-major [y][x] flattened to [64 * 64]. */
  public int[] pixels(Scene scene) {
    int[] out = new int[Scene.SIZE * Scene.SIZE];
    Arrays.fill(out, scene.background().rgb());
    for (ShapeSpec spec : scene.shapes()) {
      draw(spec, out);
    }
    return out;
  }

  public BufferedImage image(Scene scene) {
    BufferedImage image = new BufferedImage(Scene.SIZE, Scene.SIZE, BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, Scene.SIZE, Scene.SIZE, pixels(scene), 0, Scene.SIZE);
    return image;
  }

  /** The picture as PNG bytes, what a job sends or an S3 object holds. */
  public byte[] png(Scene scene) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image(scene), "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Interleaved RGB bytes, [64, 64, 3] (HWC) flattened, the layout image preprocessing expects. */
  public byte[] rgbBytes(Scene scene) {
    int[] pixels = pixels(scene);
    byte[] out = new byte[pixels.length * 3];
    for (int i = 0; i < pixels.length; i++) {
      out[3 * i] = (byte) (pixels[i] >> 16);
      out[3 * i + 1] = (byte) (pixels[i] >> 8);
      out[3 * i + 2] = (byte) pixels[i];
    }
    return out;
  }

  private static void draw(ShapeSpec spec, int[] out) {
    double cx = spec.position().centerX();
    double cy = spec.position().centerY();
    double w = spec.size().extent();
    double h = ShapeGeometry.height(spec.shape(), w);
    int x0 = (int) Math.floor(cx - w / 2);
    int x1 = (int) Math.ceil(cx + w / 2);
    int y0 = (int) Math.floor(cy - h / 2);
    int y1 = (int) Math.ceil(cy + h / 2);
    for (int y = Math.max(0, y0); y < Math.min(Scene.SIZE, y1); y++) {
      for (int x = Math.max(0, x0); x < Math.min(Scene.SIZE, x1); x++) {
        if (ShapeGeometry.inside(spec.shape(), x + 0.5 - cx, y + 0.5 - cy, w)) {
          out[y * Scene.SIZE + x] = spec.color().rgb();
        }
      }
    }
  }
}
