package io.dreamworker.worker.storage;

import io.dreamworker.model.image.RgbImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Generated images as PNG files, with the JDK's own encoder (lossless, deterministic).
 *
 * <p>The encoder writes to a memory-cached stream of its own. {@code ImageIO.write(image, "png",
 * out)} would, with ImageIO's default file cache, register a shutdown hook for its temporary file,
 * which throws once the JVM is shutting down: the jobs a worker drains after SIGTERM (inside the
 * shutdown hook) then failed with {@code IllegalStateException: Shutdown in progress}, as the chaos
 * harness found.
 */
final class PngEncoding {

  private PngEncoding() {}

  /** The PNG file of an image. */
  static byte[] encode(RgbImage image) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
    if (!writers.hasNext()) {
      throw new IllegalStateException("this JDK has no PNG encoder (javax.imageio found no 'png' writer)");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream png = new ByteArrayOutputStream(image.rgb().length / 2 + 1024);
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(png)) {
      writer.setOutput(out);
      writer.write(image.toBufferedImage());
    } catch (IOException impossible) {
      throw new UncheckedIOException("encoding a PNG in memory failed", impossible);
    } finally {
      writer.dispose();
    }
    return png.toByteArray();
  }
}
