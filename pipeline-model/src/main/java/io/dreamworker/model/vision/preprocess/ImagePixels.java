package io.dreamworker.model.vision.preprocess;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * One preprocessed image, the {@code pixel_values} of transformers' processors for one image.
 *
 * @param height rows
 * @param width columns
 * @param chw 3 × height × width floats, channel-first (R, G, B planes)
 */
public record ImagePixels(int height, int width, float[] chw) {

  public ImagePixels {
    if (chw.length != 3L * height * width) {
      throw new IllegalArgumentException(
          "3 x " + height + " x " + width + " pixel values need " + 3L * height * width
              + " floats, got " + chw.length);
    }
  }

  /** The values as [3, H, W] in {@code manager}. */
  public NDArray toNDArray(NDManager manager) {
    return manager.create(chw, new Shape(3, height, width));
  }
}
