package io.dreamworker.model.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.dreamworker.model.nn.Activation;
import io.dreamworker.model.nn.Linear;
import io.dreamworker.model.weights.Weights;

/**
 * diffusers {@code FeedForward(activation_fn="geglu")}: {@code net.0} is {@code GEGLU}, a linear
 * layer to twice the inner width whose first half is gated by the exact GELU of its second half;
 * {@code net.2} projects back. The inner width is {@code 4 * dim} ({@code mult=4}).
 *
 * @param proj {@code net.0.proj}: dim → 2 * inner
 * @param out {@code net.2}: inner → dim
 */
public record GegluFeedForward(Linear proj, Linear out) {

  /** Loads {@code module.net.0.proj} and {@code module.net.2}. */
  public static GegluFeedForward load(Weights w, String module, long dim) {
    Weights m = w.child(module);
    long inner = 4 * dim;
    return new GegluFeedForward(
        Linear.load(m, "net.0.proj", dim, 2 * inner, true), Linear.load(m, "net.2", inner, dim, true));
  }

  /** [..., dim] → [..., dim]. */
  public NDArray apply(NDArray x) {
    return Scoped.compute(() -> {
      NDArray projected = proj.apply(x);
      NDList halves = projected.split(2, projected.getShape().dimension() - 1);
      return out.apply(halves.get(0).mul(Activation.GELU.apply(halves.get(1))));
    });
  }
}
