package io.dreamworker.model.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.weights.MemorySource;
import java.util.LinkedHashMap;
import java.util.Map;

/** Random weights under the reference's tensor names, for configurations the fixtures lack. */
final class RandomClipWeights {
  private RandomClipWeights() {}

  static MemorySource of(ClipVisionConfig c, NDManager m, String prefix) {
    Map<String, NDArray> w = new LinkedHashMap<>();
    long h = c.hiddenSize();
    long i = c.intermediateSize();
    long p = c.patchSize();
    w.put(prefix + "embeddings.class_embedding", normal(m, 1, h));
    w.put(prefix + "embeddings.patch_embedding.weight", normal(m, 0.1f, h, c.numChannels(), p, p));
    w.put(prefix + "embeddings.position_embedding.weight", normal(m, 0.5f, c.numPositions(), h));
    norm(w, m, prefix + "pre_layrnorm", h);
    norm(w, m, prefix + "post_layernorm", h);
    for (int l = 0; l < c.numHiddenLayers(); l++) {
      String layer = prefix + "encoder.layers." + l + ".";
      norm(w, m, layer + "layer_norm1", h);
      norm(w, m, layer + "layer_norm2", h);
      for (String proj : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
        linear(w, m, layer + "self_attn." + proj, h, h);
      }
      linear(w, m, layer + "mlp.fc1", h, i);
      linear(w, m, layer + "mlp.fc2", i, h);
    }
    return new MemorySource(w);
  }

  private static void norm(Map<String, NDArray> w, NDManager m, String name, long dim) {
    w.put(name + ".weight", normal(m, 0.1f, dim).add(1f));
    w.put(name + ".bias", normal(m, 0.1f, dim));
  }

  private static void linear(Map<String, NDArray> w, NDManager m, String name, long in, long out) {
    w.put(name + ".weight", normal(m, (float) (1 / Math.sqrt(in)), out, in));
    w.put(name + ".bias", normal(m, 0.1f, out));
  }

  private static NDArray normal(NDManager m, float std, long... shape) {
    return m.randomNormal(0f, std, new Shape(shape), ai.djl.ndarray.types.DataType.FLOAT32);
  }
}
