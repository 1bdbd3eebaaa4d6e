package io.dreamworker.model.vision.preprocess;

import io.dreamworker.model.image.RgbImage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClipImageProcessorTest {
  private static final double[] MEAN = ClipImageProcessorConfig.OPENAI_CLIP_MEAN;
  private static final double[] STD = ClipImageProcessorConfig.OPENAI_CLIP_STD;

  private final ClipImageProcessor clip =
      new ClipImageProcessor(ClipImageProcessorConfig.defaults(), ImageLimits.DEFAULT);

  @Test
  void resizedSize_followsTransformersRounding() {
    assertThat(clip.resizedSize(300, 420)).containsExactly(224, 313); // int(224 * 420 / 300 = 313.6)
    assertThat(clip.resizedSize(420, 300)).containsExactly(313, 224);
    assertThat(clip.resizedSize(100, 100)).containsExactly(224, 224);
    assertThat(clip.resizedSize(3, 1000)).containsExactly(224, 74666);
  }

  @Test
  void landscapeAndPortrait_bothGiveTheCrop() throws Exception {
    ImagePixels wide = clip.process(TestImages.png(TestImages.rgb(420, 300, TestImages::pattern)));
    ImagePixels tall = clip.process(TestImages.png(TestImages.rgb(150, 400, TestImages::pattern)));

    assertThat(wide.height()).isEqualTo(224);
    assertThat(wide.width()).isEqualTo(224);
    assertThat(tall.chw()).hasSize(3 * 224 * 224);
  }

  @Test
  void uniformColour_normalisesToTheClipFormula() throws Exception {
    ImagePixels p = clip.process(TestImages.png(TestImages.rgb(333, 257, (x, y) -> 0x336699)));

    int[] rgb = {0x33, 0x66, 0x99};
    for (int c = 0; c < 3; c++) {
      double expected = (rgb[c] / 255.0 - MEAN[c]) / STD[c];
      for (int i = 0; i < 224 * 224; i++) {
        assertThat((double) p.chw()[c * 224 * 224 + i]).isCloseTo(expected, within(1e-6));
      }
    }
  }

  @Test
  void grayscaleInput_givesEqualChannelsBeforeNormalisation() throws Exception {
    BufferedImage gray = new BufferedImage(240, 230, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 230; y++) {
      for (int x = 0; x < 240; x++) {
        gray.getRaster().setSample(x, y, 0, (x + 2 * y) % 256);
      }
    }

    ImagePixels p = clip.process(TestImages.png(gray));

    int plane = 224 * 224;
    for (int i = 0; i < plane; i += 97) {
      double r = p.chw()[i] * STD[0] + MEAN[0];
      double g = p.chw()[plane + i] * STD[1] + MEAN[1];
      double b = p.chw()[2 * plane + i] * STD[2] + MEAN[2];
      assertThat(g).isCloseTo(r, within(1e-6));
      assertThat(b).isCloseTo(r, within(1e-6));
    }
  }

  @Test
  void transparentRgba_keepsItsColour() throws Exception {
    BufferedImage rgba = new BufferedImage(224, 224, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 224; y++) {
      for (int x = 0; x < 224; x++) {
        rgba.setRGB(x, y, 0x00FF0000); // red, fully transparent
      }
    }

    ImagePixels p = clip.process(TestImages.png(rgba));

    assertThat((double) p.chw()[0]).isCloseTo((1.0 - MEAN[0]) / STD[0], within(1e-6));
    assertThat((double) p.chw()[224 * 224]).isCloseTo(-MEAN[1] / STD[1], within(1e-6));
  }

  @Test
  void smallImageWithoutResize_isCenteredOnZeroPadding() {
    ClipImageProcessorConfig d = ClipImageProcessorConfig.defaults();
    ClipImageProcessorConfig noResize = new ClipImageProcessorConfig(true, false, d.size(),
        d.resample(), true, 8, 6, true, d.rescaleFactor(), false, MEAN, STD);
    byte[] rgb = new byte[3 * 3 * 3];
    java.util.Arrays.fill(rgb, (byte) 255);

    ImagePixels p = new ClipImageProcessor(noResize, ImageLimits.DEFAULT)
        .process(new RgbImage(3, 3, rgb));

    // transformers: top = (3 - 8) // 2 = -3 → rows 3..5 hold the image; left = (3 - 6) // 2 = -2
    // → columns 2..4.
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 6; x++) {
        boolean inside = y >= 3 && y <= 5 && x >= 2 && x <= 4;
        assertThat(p.chw()[y * 6 + x]).as("(%d, %d)", x, y).isEqualTo(inside ? 1f : 0f);
      }
    }
  }

  @Test
  void centerCrop_takesTheFloorOffset() {
    byte[] rgb = new byte[5 * 1 * 3];
    for (int x = 0; x < 5; x++) {
      rgb[x * 3] = (byte) x;
    }

    RgbImage cropped = ClipImageProcessor.centerCrop(new RgbImage(5, 1, rgb), 1, 2);

    // (5 - 2) // 2 = 1: columns 1 and 2.
    assertThat(cropped.sample(0, 0, 0)).isEqualTo(1);
    assertThat(cropped.sample(1, 0, 0)).isEqualTo(2);
  }

  @Test
  void tinyImage_isUpscaled() throws Exception {
    ImagePixels p = clip.process(TestImages.png(TestImages.rgb(16, 12, TestImages::pattern)));

    assertThat(p.chw()).hasSize(3 * 224 * 224);
  }

  @Test
  void jpegInput_isProcessed() throws Exception {
    TestImages.PixelFunction smooth = (x, y) ->
        (x * 255 / 500) << 16 | (y * 255 / 280) << 8 | (int) (127 + 100 * Math.sin(x / 40.0));
    byte[] jpeg = TestImages.jpeg(TestImages.rgb(500, 280, smooth), 0.95f);
    byte[] png = TestImages.png(TestImages.rgb(500, 280, smooth));

    float[] fromJpeg = clip.process(jpeg).chw();
    float[] fromPng = clip.process(png).chw();

    // Lossy, but the same picture: close on average.
    double diff = 0;
    for (int i = 0; i < fromPng.length; i++) {
      diff += Math.abs(fromJpeg[i] - fromPng[i]);
    }
    assertThat(diff / fromPng.length).isLessThan(0.02);
  }

  @Test
  void batch_stacksImagesAsPixelValues() throws Exception {
    try (NDManager manager = NDManager.newBaseManager()) {
      byte[] a = TestImages.png(TestImages.rgb(300, 250, TestImages::pattern));
      byte[] b = TestImages.jpeg(TestImages.rgb(250, 300, TestImages::pattern), 0.9f);

      NDArray pixels = clip.batch(List.of(a, b), manager);

      assertThat(pixels.getShape()).isEqualTo(new Shape(2, 3, 224, 224));
      assertThat(pixels.get("0").toFloatArray()).containsExactly(clip.process(a).chw());
      assertThat(clip.process(a).toNDArray(manager).getShape()).isEqualTo(new Shape(3, 224, 224));
    }
  }

  @Test
  void batchWithARefusedImage_namesItsPosition() {
    try (NDManager manager = NDManager.newBaseManager()) {
      byte[] good = TestImages.png(TestImages.rgb(30, 30, TestImages::pattern));
      byte[] bomb = TestImages.pngHeaderOnly(100_000, 100_000);

      assertThatThrownBy(() -> clip.batch(List.of(good, bomb), manager))
          .isInstanceOf(ImageRejectedException.class)
          .hasMessageStartingWith("image 1: ")
          .hasMessageContaining("100000 x 100000");
    }
  }

  @Test
  void batchOfDifferentSizesWithoutCrop_isRefused() {
    ClipImageProcessorConfig d = ClipImageProcessorConfig.defaults();
    ClipImageProcessorConfig noCrop = new ClipImageProcessorConfig(true, true, d.size(),
        d.resample(), false, 224, 224, true, d.rescaleFactor(), true, MEAN, STD);
    ClipImageProcessor processor = new ClipImageProcessor(noCrop, ImageLimits.DEFAULT);
    try (NDManager manager = NDManager.newBaseManager()) {
      byte[] a = TestImages.png(TestImages.rgb(300, 250, TestImages::pattern));
      byte[] b = TestImages.png(TestImages.rgb(250, 300, TestImages::pattern));

      assertThatThrownBy(() -> processor.batch(List.of(a, b), manager))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("image 1")
          .hasMessageContaining("do_center_crop");
    }
  }

  @Test
  void extremeAspectRatio_isRefusedBeforeResizingIntoAHugeImage() {
    ClipImageProcessor strict = new ClipImageProcessor(
        ClipImageProcessorConfig.defaults(), new ImageLimits(1 << 20, 8192, 1_000_000));
    byte[] strip = TestImages.png(TestImages.rgb(4000, 2, TestImages::pattern));

    assertThatThrownBy(() -> strict.process(strip))
        .isInstanceOf(ImageRejectedException.class)
        .hasMessageContaining("4000 x 2 would be resized to 448000 x 224")
        .hasMessageContaining("limit of 1000000");
  }

  @Test
  void limitsBeyondOneArray_areRefused() {
    assertThatThrownBy(() -> new ImageLimits(1 << 20, 100_000, 1_000_000_000L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxPixels 1000000000");
  }
}
