package io.dreamworker.model.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import java.util.List;

/**
 * What transformers' {@code CLIPVisionModel(..., output_hidden_states=True)} returns. The arrays
 * belong to the manager of the pixel values they were computed from.
 *
 * @param hiddenStates L + 1 states [B, 1 + N, H]: index 0 the embeddings after {@code
 *     pre_layrnorm}, index i the output of encoder layer i
 * @param lastHiddenState [B, 1 + N, H], the last layer's output without {@code post_layernorm}
 *     (the same array as the last hidden state)
 * @param pooled [B, H], {@code post_layernorm} of the class token of the last layer
 */
public record ClipVisionOutput(List<NDArray> hiddenStates, NDArray lastHiddenState, NDArray pooled) {

  public ClipVisionOutput {
    hiddenStates = List.copyOf(hiddenStates);
  }

  /**
   * A hidden state by Python-style index, so that {@code -2} is the penultimate layer's output
   * (the input of the last layer), as LLaVA and DreamLLM select it.
   */
  public NDArray hiddenState(int index) {
    return hiddenStates.get(ClipVisionModel.resolveLayer(index, hiddenStates.size() - 1));
  }

  /** {@link #hiddenState(int)} without the class token: [B, N, H]. */
  public NDArray patchFeatures(int index) {
    return hiddenState(index).get(new NDIndex(":, 1:, :"));
  }
}
