package io.dreamworker.model.vision;

import ai.djl.ndarray.NDArray;
import io.dreamworker.model.nn.Activation;
import io.dreamworker.model.nn.Linear;
import io.dreamworker.model.weights.Weights;

/**
 * transformers' {@code CLIPMLP}: {@code fc2(act(fc1(x)))}.
 *
 * @param fc1 [I, H] with bias
 * @param fc2 [H, I] with bias
 * @param activation the config's {@code hidden_act}
 */
public record ClipMlp(Linear fc1, Linear fc2, Activation activation) {

  /** Loads the weights under {@code w} (a layer's {@code mlp} module). */
  public static ClipMlp load(Weights w, ClipVisionConfig c) {
    return new ClipMlp(
        Linear.load(w, "fc1", c.hiddenSize(), c.intermediateSize(), true),
        Linear.load(w, "fc2", c.intermediateSize(), c.hiddenSize(), true),
        c.activation());
  }

  /**
   * @param x [B, T, H]
   * @return [B, T, H]
   */
  public NDArray apply(NDArray x) {
    return fc2.apply(activation.apply(fc1.apply(x)));
  }
}
