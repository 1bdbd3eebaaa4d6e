package io.dreamworker.model.vision.preprocess;

import io.dreamworker.model.image.RgbImage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dreamworker.model.vision.preprocess.ImageRejectedException.Reason;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {
  private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);

  @Test
  void pngDeclaring100000Square_isRefusedFromTheHeaderBeforeDecoding() {
    byte[] bomb = TestImages.pngHeaderOnly(100_000, 100_000);
    long start = System.nanoTime();

    ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class, () -> decoder.decode(bomb));

    assertThat(e).isNotNull();
    assertThat(e.reason()).isEqualTo(Reason.SIDE_TOO_LONG);
    assertThat(e.getMessage()).contains("100000 x 100000").contains("limit of 8192");
    assertThat(bomb.length).isLessThan(100);
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }

  @Test
  void pngOverThePixelLimit_isRefusedNamingTheCountAndTheLimit() {
    ImageDecoder strict = new ImageDecoder(new ImageLimits(1 << 20, 100_000, 1_000_000));

    ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class,
        () -> strict.decode(TestImages.pngHeaderOnly(2000, 1000)));

    assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PIXELS);
    assertThat(e.getMessage()).contains("2000000 pixels").contains("limit of 1000000");
  }

  @Test
  void jpegDeclaringAHugeImage_isRefusedFromTheHeader() {
    ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class,
        () -> decoder.decode(TestImages.jpegDeclaring(60_000, 50_000)));

    assertThat(e.reason()).isEqualTo(Reason.SIDE_TOO_LONG);
    assertThat(e.getMessage()).contains("JPEG").contains("60000 x 50000").contains("8192");
  }

  @Test
  void inspect_readsTheDeclaredSizeWithoutPixels() throws Exception {
    ImageDecoder.Header header = decoder.inspect(TestImages.pngHeaderOnly(640, 480));

    assertThat(header).isEqualTo(new ImageDecoder.Header(ImageDecoder.Format.PNG, 640, 480));
  }

  @Test
  void tooManyBytes_isRefusedNamingBothCounts() {
    ImageDecoder strict = new ImageDecoder(new ImageLimits(1000, 8192, 1_000_000));
    byte[] image = TestImages.png(TestImages.rgb(64, 64, (x, y) -> (x * 4) << 16 | (y * 4)));
    assertThat(image.length).isGreaterThan(1000);

    assertThatThrownBy(() -> strict.decode(image))
        .isInstanceOf(ImageRejectedException.class)
        .hasMessageContaining(image.length + " bytes")
        .hasMessageContaining("limit of 1000 bytes");
  }

  @Test
  void gif_isRefusedAsUnsupported() {
    byte[] gif = "GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1);

    ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class, () -> decoder.decode(gif));

    assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_FORMAT);
    assertThat(e.getMessage()).contains("GIF").contains("only PNG and JPEG");
  }

  @Test
  void emptyAndUnknownBytes_areRefusedAsUnsupported() {
    assertThatThrownBy(() -> decoder.decode(new byte[0]))
        .isInstanceOf(ImageRejectedException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> decoder.decode("hello world".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(ImageRejectedException.class)
        .hasMessageContaining("unknown format")
        .hasMessageContaining("68 65 6c 6c");
  }

  @Test
  void truncatedPng_isRefusedAsCorrupt() {
    byte[] png = TestImages.png(TestImages.rgb(64, 48, TestImages::pattern));
    byte[] truncated = Arrays.copyOf(png, png.length / 2);

    ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class, () -> decoder.decode(truncated));

    assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
    assertThat(e.getMessage()).startsWith("PNG data is corrupt");
  }

  @Test
  void truncatedJpeg_isRefusedAsCorrupt() {
    byte[] jpeg = TestImages.jpeg(TestImages.rgb(64, 48, TestImages::pattern), 0.9f);
    byte[] truncated = Arrays.copyOf(jpeg, jpeg.length * 2 / 3);

    ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class, () -> decoder.decode(truncated));

    assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
    assertThat(e.getMessage()).contains("JPEG");
  }

  @Test
  void pngSignatureFollowedByGarbage_isRefusedAsCorrupt() {
    byte[] bytes = new byte[64];
    System.arraycopy(TestImages.pngHeaderOnly(1, 1), 0, bytes, 0, 8);
    Arrays.fill(bytes, 8, 64, (byte) 0x5A);

    ImageRejectedException e = catchThrowableOfType(ImageRejectedException.class, () -> decoder.decode(bytes));

    assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
  }

  @Test
  void rgbPng_decodesExactly() throws Exception {
    RgbImage image = decoder.decode(TestImages.png(TestImages.rgb(37, 23, TestImages::pattern)));

    assertThat(image.width()).isEqualTo(37);
    assertThat(image.height()).isEqualTo(23);
    for (int y = 0; y < 23; y++) {
      for (int x = 0; x < 37; x++) {
        int p = TestImages.pattern(x, y);
        assertThat(new int[] {image.sample(x, y, 0), image.sample(x, y, 1), image.sample(x, y, 2)})
            .containsExactly(p >> 16 & 0xFF, p >> 8 & 0xFF, p & 0xFF);
      }
    }
  }

  @Test
  void grayscalePng_isReplicatedToThreeChannelsWithoutGammaChange() throws Exception {
    BufferedImage gray = new BufferedImage(16, 4, BufferedImage.TYPE_BYTE_GRAY);
    for (int x = 0; x < 16; x++) {
      for (int y = 0; y < 4; y++) {
        gray.getRaster().setSample(x, y, 0, x * 16 + y);
      }
    }

    RgbImage image = decoder.decode(TestImages.png(gray));

    for (int x = 0; x < 16; x++) {
      for (int y = 0; y < 4; y++) {
        for (int c = 0; c < 3; c++) {
          assertThat(image.sample(x, y, c)).isEqualTo(x * 16 + y);
        }
      }
    }
  }

  @Test
  void rgbaPng_dropsAlphaWithoutCompositing() throws Exception {
    BufferedImage rgba = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
    rgba.setRGB(0, 0, 0x00C86432); // fully transparent (200, 100, 50)
    rgba.setRGB(1, 0, 0x80102030); // half transparent (16, 32, 48)

    RgbImage image = decoder.decode(TestImages.png(rgba));

    assertThat(new int[] {image.sample(0, 0, 0), image.sample(0, 0, 1), image.sample(0, 0, 2)})
        .containsExactly(200, 100, 50);
    assertThat(new int[] {image.sample(1, 0, 0), image.sample(1, 0, 1), image.sample(1, 0, 2)})
        .containsExactly(16, 32, 48);
  }

  @Test
  void palettePng_isExpandedThroughThePalette() throws Exception {
    RgbImage image = decoder.decode(TestImages.png(TestImages.palette(5, 3)));

    assertThat(new int[] {image.sample(0, 0, 0), image.sample(0, 0, 1), image.sample(0, 0, 2)})
        .containsExactly(255, 0, 0);
    assertThat(new int[] {image.sample(3, 0, 0), image.sample(3, 0, 1), image.sample(3, 0, 2)})
        .containsExactly(200, 100, 50);
    assertThat(new int[] {image.sample(1, 1, 0), image.sample(1, 1, 1), image.sample(1, 1, 2)})
        .containsExactly(0, 0, 255);
  }

  @Test
  void sixteenBitRgbPng_keepsTheHighByte() throws Exception {
    BufferedImage deep = new BufferedImage(
        new java.awt.image.ComponentColorModel(
            java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB), false, false,
            java.awt.Transparency.OPAQUE, java.awt.image.DataBuffer.TYPE_USHORT),
        java.awt.image.Raster.createInterleavedRaster(
            java.awt.image.DataBuffer.TYPE_USHORT, 2, 1, 3, null),
        false, null);
    WritableRaster r = deep.getRaster();
    r.setPixel(0, 0, new int[] {0xABCD, 0x1234, 0xFFFF});
    r.setPixel(1, 0, new int[] {0x00FF, 0x8000, 0x0100});

    RgbImage image = decoder.decode(TestImages.png(deep));

    assertThat(new int[] {image.sample(0, 0, 0), image.sample(0, 0, 1), image.sample(0, 0, 2)})
        .containsExactly(0xAB, 0x12, 0xFF);
    assertThat(new int[] {image.sample(1, 0, 0), image.sample(1, 0, 1), image.sample(1, 0, 2)})
        .containsExactly(0x00, 0x80, 0x01);
  }

  @Test
  void jpeg_decodesNonSquareImagesCloseToTheOriginal() throws Exception {
    BufferedImage original = TestImages.rgb(80, 30, (x, y) -> 0x4080C0);

    RgbImage image = decoder.decode(TestImages.jpeg(original, 1.0f));

    assertThat(image.width()).isEqualTo(80);
    assertThat(image.height()).isEqualTo(30);
    assertThat(image.sample(40, 15, 0)).isCloseTo(0x40, org.assertj.core.data.Offset.offset(3));
    assertThat(image.sample(40, 15, 1)).isCloseTo(0x80, org.assertj.core.data.Offset.offset(3));
    assertThat(image.sample(40, 15, 2)).isCloseTo(0xC0, org.assertj.core.data.Offset.offset(3));
  }

  @Test
  void grayscaleJpeg_isReplicatedToThreeChannels() throws Exception {
    BufferedImage gray = new BufferedImage(24, 24, BufferedImage.TYPE_BYTE_GRAY);
    for (int x = 0; x < 24; x++) {
      for (int y = 0; y < 24; y++) {
        gray.getRaster().setSample(x, y, 0, 90);
      }
    }

    RgbImage image = decoder.decode(TestImages.jpeg(gray, 1.0f));

    assertThat(image.sample(5, 5, 0)).isEqualTo(image.sample(5, 5, 1)).isEqualTo(image.sample(5, 5, 2));
    assertThat(image.sample(5, 5, 0)).isCloseTo(90, org.assertj.core.data.Offset.offset(2));
  }
}
