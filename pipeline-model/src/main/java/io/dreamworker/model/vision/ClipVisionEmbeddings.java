package io.dreamworker.model.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import io.dreamworker.model.weights.Weights;

/**
 * transformers' {@code CLIPVisionEmbeddings} (without position interpolation): a class token
 * followed by the patch embeddings of a stride-P convolution without bias, plus learned position
 * embeddings.
 *
 * @param classEmbedding {@code class_embedding} [H]
 * @param patchWeight {@code patch_embedding.weight} [H, C, P, P]
 * @param positionEmbedding {@code position_embedding.weight} [1 + N, H]
 * @param config the sizes the weights were checked against
 */
public record ClipVisionEmbeddings(
    NDArray classEmbedding, NDArray patchWeight, NDArray positionEmbedding, ClipVisionConfig config) {

  /** Loads the weights under {@code w} (the {@code embeddings} module). */
  public static ClipVisionEmbeddings load(Weights w, ClipVisionConfig c) {
    long h = c.hiddenSize();
    long p = c.patchSize();
    return new ClipVisionEmbeddings(
        w.get("class_embedding", h),
        w.get("patch_embedding.weight", h, c.numChannels(), p, p),
        w.get("position_embedding.weight", c.numPositions(), h),
        c);
  }

  /**
   * @param pixelValues [B, C, S, S], normalised
   * @return [B, 1 + N, H]
   * @throws IllegalArgumentException if the input is not [B, C, S, S] float32 with the config's C
   *     and S
   */
  public NDArray apply(NDArray pixelValues) {
    checkInput(pixelValues);
    long b = pixelValues.getShape().get(0);
    long h = config.hiddenSize();
    long p = config.patchSize();
    NDArray patches = Conv2d.conv2d(pixelValues, patchWeight, null, new Shape(p, p))
        .singletonOrThrow(); // [B, H, S/P, S/P]
    patches = patches.reshape(b, h, config.numPatches()).transpose(0, 2, 1); // [B, N, H]
    NDArray cls = classEmbedding.reshape(1, 1, h).broadcast(b, 1, h);
    NDArray tokens = NDArrays.concat(new ai.djl.ndarray.NDList(cls, patches), 1); // [B, 1 + N, H]
    return tokens.add(positionEmbedding.expandDims(0));
  }

  private void checkInput(NDArray x) {
    Shape s = x.getShape();
    int size = config.imageSize();
    if (s.dimension() != 4
        || s.get(1) != config.numChannels()
        || s.get(2) != size
        || s.get(3) != size) {
      throw new IllegalArgumentException(
          "pixel_values has shape " + s + " but the vision tower expects [B, "
              + config.numChannels() + ", " + size + ", " + size
              + "] (num_channels, image_size): preprocess images to image_size first");
    }
    if (x.getDataType() != DataType.FLOAT32) {
      throw new IllegalArgumentException(
          "pixel_values is " + x.getDataType() + " but the vision tower computes in float32");
    }
  }
}
