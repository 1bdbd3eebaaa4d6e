package io.dreamworker.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.dreamworker.model.image.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncodingTest {

  @Test
  void encodedImage_isAPngThatDecodesToTheSamePixels() throws IOException {
    RgbImage image = TestImages.gradient(7, 5, 200);

    byte[] png = PngEncoding.encode(image);

    assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(decoded.getWidth()).isEqualTo(7);
    assertThat(decoded.getHeight()).isEqualTo(5);
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 7; x++) {
        assertThat(decoded.getRGB(x, y) & 0xFFFFFF).isEqualTo(x << 16 | y << 8 | 200);
      }
    }
  }

  /**
   * A worker drains its jobs after SIGTERM inside a shutdown hook: encoding must not need anything
   * the JVM refuses then (ImageIO's default file cache registers a shutdown hook of its own).
   */
  @Test
  void encodingInsideAShutdownHook_works() throws Exception {
    String javaCommand = ProcessHandle.current().info().command().orElseThrow();
    Process child = new ProcessBuilder(javaCommand, "-cp", System.getProperty("java.class.path"),
        EncodeAtShutdown.class.getName()).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(child.waitFor()).as(output).isZero();
    assertThat(output).contains("encoded at shutdown:");
  }

  /** A JVM that encodes a PNG in its shutdown hook. */
  static final class EncodeAtShutdown {
    public static void main(String[] args) {
      Runtime.getRuntime().addShutdownHook(new Thread(() ->
          System.out.println("encoded at shutdown: " + PngEncoding.encode(TestImages.gradient(4, 4, 1)).length)));
    }
  }

  @Test
  void sameImage_encodesToTheSameBytes() {
    RgbImage image = TestImages.gradient(16, 16, 3);

    assertThat(PngEncoding.encode(image)).isEqualTo(PngEncoding.encode(image));
  }
}
