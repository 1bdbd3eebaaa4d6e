package io.dreamworker.model.diffusion.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.image.RgbImage;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecodedImagesTest {

  @Test
  void toByte_mapsMinusOneToZeroOneTo255AndClampsOutside() {
    assertThat(DecodedImages.toByte(-1f)).isZero();
    assertThat(DecodedImages.toByte(1f)).isEqualTo(255);
    assertThat(DecodedImages.toByte(-3f)).isZero();
    assertThat(DecodedImages.toByte(7f)).isEqualTo(255);
    // 0 → 127.5, which numpy's round (half to even) takes to 128.
    assertThat(DecodedImages.toByte(0f)).isEqualTo(128);
  }

  @Test
  void fromDecoded_interleavesChannelsPerPixelRowMajor() {
    try (NDManager m = NDManager.newBaseManager()) {
      // One 2x1 image: pixel (0,0) is red, pixel (1,0) is blue; planes are [R, G, B].
      float[] planes = {1, -1, -1, -1, -1, 1};

      List<RgbImage> images = DecodedImages.toRgb(m.create(planes, new Shape(1, 3, 1, 2)));

      assertThat(images).hasSize(1);
      RgbImage image = images.get(0);
      assertThat(image.width()).isEqualTo(2);
      assertThat(image.height()).isEqualTo(1);
      assertThat(image.sample(0, 0, 0)).isEqualTo(255);
      assertThat(image.sample(1, 0, 2)).isEqualTo(255);
      assertThat(image.sample(1, 0, 0)).isZero();
      BufferedImage buffered = image.toBufferedImage();
      assertThat(buffered.getRGB(0, 0) & 0xffffff).isEqualTo(0xff0000);
      assertThat(buffered.getRGB(1, 0) & 0xffffff).isEqualTo(0x0000ff);
    }
  }

  @Test
  void fromDecoded_batchGivesOneImagePerRow() {
    try (NDManager m = NDManager.newBaseManager()) {
      List<RgbImage> images = DecodedImages.toRgb(m.zeros(new Shape(3, 3, 4, 5)));

      assertThat(images).hasSize(3).allSatisfy(i -> assertThat(i.rgb()).hasSize(60));
    }
  }

  @Test
  void fromDecoded_notThreeChannels_fails() {
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> DecodedImages.toRgb(m.zeros(new Shape(1, 4, 2, 2))))
          .hasMessageContaining("[B, 3, H, W]");
    }
  }
}
