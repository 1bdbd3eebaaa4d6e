package io.dreamworker.worker.storage;

import io.dreamworker.model.image.RgbImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Generated images as PNG files, with the JDK's own encoder (lossless, deterministic). */
final class PngEncoding {

  private PngEncoding() {}

  /** The PNG file of an image. */
  static byte[] encode(RgbImage image) {
    ByteArrayOutputStream png = new ByteArrayOutputStream(image.rgb().length / 2 + 1024);
    try {
      if (!ImageIO.write(image.toBufferedImage(), "png", png)) {
        throw new IllegalStateException("this JDK has no PNG encoder (javax.imageio found no 'png' writer)");
      }
    } catch (IOException impossible) {
      throw new UncheckedIOException("encoding a PNG in memory failed", impossible);
    }
    return png.toByteArray();
  }
}
