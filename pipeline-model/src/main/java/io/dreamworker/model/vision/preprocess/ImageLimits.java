package io.dreamworker.model.vision.preprocess;

/**
 * What the decoder accepts, checked on the encoded bytes and the declared header before any pixel
 * is decoded, so that a small file declaring a huge image (a decompression bomb) costs nothing.
 *
 * @param maxBytes the largest encoded image, in bytes
 * @param maxSide the longest accepted width or height, in pixels
 * @param maxPixels the largest accepted width × height
 */
public record ImageLimits(long maxBytes, int maxSide, long maxPixels) {

  /** Three bytes per pixel in one array, whose length cannot pass Integer.MAX_VALUE − 8. */
  public static final long MAX_ARRAY_PIXELS = (Integer.MAX_VALUE - 8) / 3;

  /**
   * 20 MiB, 8192 pixels per side and 40 megapixels: room for camera photos, while one decoded
   * image stays under about 120 MB of RGB.
   */
  public static final ImageLimits DEFAULT = new ImageLimits(20L << 20, 8192, 40_000_000L);

  public ImageLimits {
    if (maxBytes <= 0 || maxSide <= 0 || maxPixels <= 0) {
      throw new IllegalArgumentException(
          "image limits must be positive, got maxBytes=" + maxBytes + ", maxSide=" + maxSide
              + ", maxPixels=" + maxPixels);
    }
    if (maxPixels > MAX_ARRAY_PIXELS) {
      throw new IllegalArgumentException(
          "maxPixels " + maxPixels + " is over " + MAX_ARRAY_PIXELS
              + ", the most RGB pixels one Java array holds");
    }
  }
}
