package io.dreamworker.model.shapes;

import java.util.SplittableRandom;

/** Degrades rendered pixels the way a generator's output is imperfect: blur and per-channel noise. */
final class NoisyImages {

  private NoisyImages() {
  }

  /** A 3x3 binomial blur ([1 2 1] x [1 2 1] / 16), edges clamped. */
  static int[] blur(int[] pixels) {
    int[] out = new int[pixels.length];
    int[] weights = {1, 2, 1};
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        int[] sum = new int[3];
        for (int dy = -1; dy <= 1; dy++) {
          for (int dx = -1; dx <= 1; dx++) {
            int p = pixels[Math.clamp(y + dy, 0, 63) * 64 + Math.clamp(x + dx, 0, 63)];
            int w = weights[dx + 1] * weights[dy + 1];
            sum[0] += w * ((p >> 16) & 0xFF);
            sum[1] += w * ((p >> 8) & 0xFF);
            sum[2] += w * (p & 0xFF);
          }
        }
        out[y * 64 + x] = (Math.round(sum[0] / 16f) << 16) | (Math.round(sum[1] / 16f) << 8) | Math.round(sum[2] / 16f);
      }
    }
    return out;
  }

  static int[] gaussianNoise(int[] pixels, double std, SplittableRandom random) {
    int[] out = new int[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      int r = noisy((pixels[i] >> 16) & 0xFF, std, random);
      int g = noisy((pixels[i] >> 8) & 0xFF, std, random);
      int b = noisy(pixels[i] & 0xFF, std, random);
      out[i] = (r << 16) | (g << 8) | b;
    }
    return out;
  }

  private static int noisy(int value, double std, SplittableRandom random) {
    return (int) Math.clamp(Math.round(value + random.nextGaussian() * std), 0, 255);
  }
}
