package io.dreamworker.worker.storage;

import io.dreamworker.model.image.RgbImage;

/** Small RGB images with known pixels. */
final class TestImages {

  private TestImages() {}

  /** A width × height image whose pixel (x, y) is (x, y, seed) modulo 256. */
  static RgbImage gradient(int width, int height, int seed) {
    byte[] rgb = new byte[width * height * 3];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int i = (y * width + x) * 3;
        rgb[i] = (byte) x;
        rgb[i + 1] = (byte) y;
        rgb[i + 2] = (byte) seed;
      }
    }
    return new RgbImage(width, height, rgb);
  }
}
