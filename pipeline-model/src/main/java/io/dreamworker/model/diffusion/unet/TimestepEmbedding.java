package io.dreamworker.model.diffusion.unet;

import ai.djl.ndarray.NDArray;
import io.dreamworker.model.diffusion.Scoped;
import io.dreamworker.model.nn.Activation;
import io.dreamworker.model.nn.Linear;
import io.dreamworker.model.weights.Weights;

/**
 * diffusers {@code TimestepEmbedding} without condition projection or post-activation:
 * {@code linear_2(act(linear_1(t_emb)))}, turning the sinusoidal embedding into the vector every
 * resnet block adds (through its own projection) to its features.
 *
 * @param linear1 {@code linear_1}: sinusoidal width → time_embed_dim
 * @param act {@code act_fn}
 * @param linear2 {@code linear_2}: time_embed_dim → time_embed_dim
 */
public record TimestepEmbedding(Linear linear1, Activation act, Linear linear2) {

  /** Loads {@code module.linear_1} and {@code module.linear_2}. */
  public static TimestepEmbedding load(Weights w, String module, long in, long dim, Activation act) {
    Weights m = w.child(module);
    return new TimestepEmbedding(Linear.load(m, "linear_1", in, dim, true), act, Linear.load(m, "linear_2", dim, dim, true));
  }

  /** [B, in] → [B, time_embed_dim]. */
  public NDArray apply(NDArray sinusoidal) {
    return Scoped.compute(() -> linear2.apply(act.apply(linear1.apply(sinusoidal))));
  }

  public long dim() {
    return linear2.outFeatures();
  }
}
