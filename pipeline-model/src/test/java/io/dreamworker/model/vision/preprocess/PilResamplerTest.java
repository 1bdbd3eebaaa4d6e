package io.dreamworker.model.vision.preprocess;

import io.dreamworker.model.image.RgbImage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PilResamplerTest {

  @ParameterizedTest
  @EnumSource(ResampleArithmetic.class)
  void boxHalving_averagesEachTwoByTwoBlock(ResampleArithmetic arithmetic) {
    RgbImage image = image(8, 6, (x, y, c) -> (x * 31 + y * 17 + c * 50) % 256);

    RgbImage half = PilResampler.resize(image, 4, 3, ResampleFilter.BOX, arithmetic);

    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 4; x++) {
        for (int c = 0; c < 3; c++) {
          // Each pass averages a pair and rounds half up, as the fixed-point sum does.
          int top = (image.sample(2 * x, 2 * y, c) + image.sample(2 * x + 1, 2 * y, c) + 1) / 2;
          int bottom = (image.sample(2 * x, 2 * y + 1, c) + image.sample(2 * x + 1, 2 * y + 1, c) + 1) / 2;
          assertThat(half.sample(x, y, c)).isEqualTo((top + bottom + 1) / 2);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(ResampleFilter.class)
  void uniformImage_staysUniformAtAnyScale(ResampleFilter filter) {
    RgbImage image = image(97, 41, (x, y, c) -> 40 + 90 * c);

    for (int[] size : new int[][] {{13, 7}, {224, 300}, {97, 200}}) {
      RgbImage out = PilResampler.resize(image, size[0], size[1], filter, ResampleArithmetic.TORCH_UINT8);
      for (int i = 0; i < out.rgb().length; i++) {
        assertThat(out.rgb()[i] & 0xFF).isEqualTo(40 + 90 * (i % 3));
      }
    }
  }

  @Test
  void sameSize_returnsTheImageUnchanged() {
    RgbImage image = image(5, 4, (x, y, c) -> x + y + c);

    assertThat(PilResampler.resize(image, 5, 4, ResampleFilter.BICUBIC, ResampleArithmetic.PIL))
        .isSameAs(image);
  }

  @Test
  void downscaling_averagesAwayAnAliasingPattern() {
    // One-pixel stripes: a filter whose support did not grow with the scale would sample them
    // and return stripes; PIL's averages them to mid-gray.
    RgbImage stripes = image(400, 4, (x, y, c) -> x % 2 == 0 ? 0 : 255);

    RgbImage small = PilResampler.resize(stripes, 40, 4, ResampleFilter.BICUBIC, ResampleArithmetic.PIL);

    for (int x = 2; x < 38; x++) {
      assertThat(small.sample(x, 1, 0)).isBetween(120, 135);
    }
  }

  @Test
  void bicubicUpscaling_overshootsAtEdgesButClampsToEightBits() {
    RgbImage step = image(4, 1, (x, y, c) -> x < 2 ? 0 : 255);

    RgbImage up = PilResampler.resize(step, 16, 1, ResampleFilter.BICUBIC, ResampleArithmetic.PIL);

    assertThat(up.sample(0, 0, 0)).isZero();
    assertThat(up.sample(15, 0, 0)).isEqualTo(255);
    assertThat(up.sample(7, 0, 0)).isLessThan(up.sample(8, 0, 0));
  }

  @Test
  void nonPositiveTarget_isRefused() {
    RgbImage image = image(4, 4, (x, y, c) -> 0);

    assertThatThrownBy(() -> PilResampler.resize(image, 0, 4, ResampleFilter.BICUBIC, ResampleArithmetic.PIL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 x 4");
  }

  @Test
  void torchPrecision_isTheLargestThatFitsInt16() {
    // torch stops before the precision at which twice the largest weight reaches 2^15.
    assertThat(ResampleArithmetic.TORCH_UINT8.precisionBits(1.0)).isEqualTo(14);
    assertThat(ResampleArithmetic.TORCH_UINT8.precisionBits(0.6)).isEqualTo(15);
    assertThat(ResampleArithmetic.TORCH_UINT8.precisionBits(0.37)).isEqualTo(16);
    assertThat(ResampleArithmetic.PIL.precisionBits(0.37)).isEqualTo(22);
  }

  private static RgbImage image(int w, int h, Sample sample) {
    byte[] rgb = new byte[w * h * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < 3; c++) {
          rgb[(y * w + x) * 3 + c] = (byte) sample.at(x, y, c);
        }
      }
    }
    return new RgbImage(w, h, rgb);
  }

  @FunctionalInterface
  private interface Sample {
    int at(int x, int y, int c);
  }
}
