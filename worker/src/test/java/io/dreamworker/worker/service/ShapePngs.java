package io.dreamworker.worker.service;

import io.dreamworker.model.shapes.SceneRenderer;
import io.dreamworker.model.shapes.SceneSampler;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Input images for jobs, as a client would send them: PNG files of the shapes world. */
final class ShapePngs {
  private ShapePngs() {}

  /** A scene of the shapes world (64×64), the same for the same seed. */
  static byte[] scene(long seed) {
    return new SceneRenderer().png(new SceneSampler(seed).next(1));
  }

  /** One filled shape on black, for the schema examples' named inputs (red-circle.png, blue-square.png). */
  static byte[] shape(Color color, boolean circle) {
    BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    if (circle) {
      g.fillOval(16, 16, 32, 32);
    } else {
      g.fillRect(16, 16, 32, 32);
    }
    g.dispose();
    return png(image);
  }

  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Decodes a PNG, failing the test when the bytes are not one. */
  static BufferedImage decode(byte[] png) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      if (image == null) {
        throw new AssertionError("not a PNG or JPEG image (" + png.length + " bytes)");
      }
      return image;
    } catch (IOException e) {
      throw new AssertionError("not a readable image", e);
    }
  }

  private static byte[] png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
