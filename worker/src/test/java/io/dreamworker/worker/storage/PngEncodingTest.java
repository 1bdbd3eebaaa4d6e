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

  @Test
  void sameImage_encodesToTheSameBytes() {
    RgbImage image = TestImages.gradient(16, 16, 3);

    assertThat(PngEncoding.encode(image)).isEqualTo(PngEncoding.encode(image));
  }
}
