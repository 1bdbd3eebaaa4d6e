package io.dreamworker.model.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dreamworker.model.weights.MemorySource;
import io.dreamworker.model.weights.Weights;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Small LLaMA configs and seeded random checkpoints under the reference's tensor names. */
final class TinyLlama {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TinyLlama() {}

  /** A newer-transformers style config.json: 2 layers, H=32, 4 heads, MHA, theta 10000. */
  static ObjectNode configJson() {
    ObjectNode c = JSON.createObjectNode();
    c.put("model_type", "llama");
    c.put("vocab_size", 50);
    c.put("hidden_size", 32);
    c.put("intermediate_size", 80);
    c.put("num_hidden_layers", 2);
    c.put("num_attention_heads", 4);
    c.put("num_key_value_heads", 4);
    c.put("hidden_act", "silu");
    c.put("rms_norm_eps", 1e-6);
    c.put("tie_word_embeddings", false);
    ObjectNode rope = c.putObject("rope_parameters");
    rope.put("rope_type", "default");
    rope.put("rope_theta", 10000.0);
    return c;
  }

  static LlamaConfig config() {
    return LlamaConfig.fromJson(configJson());
  }

  /** Random weights for {@code c}; {@code lm_head.weight} only when the config does not tie it. */
  static Map<String, NDArray> randomWeights(LlamaConfig c, NDManager m, long seed) {
    Random random = new Random(seed);
    Map<String, NDArray> w = new LinkedHashMap<>();
    int h = c.hiddenSize();
    int q = c.numAttentionHeads() * c.headDim();
    int kv = c.numKeyValueHeads() * c.headDim();
    int i = c.intermediateSize();
    w.put("model.embed_tokens.weight", normal(m, random, 1.0f, c.vocabSize(), h));
    for (int l = 0; l < c.numHiddenLayers(); l++) {
      String p = "model.layers." + l + ".";
      w.put(p + "input_layernorm.weight", normAround1(m, random, h));
      w.put(p + "post_attention_layernorm.weight", normAround1(m, random, h));
      linear(w, m, random, p + "self_attn.q_proj", h, q, c.attentionBias());
      linear(w, m, random, p + "self_attn.k_proj", h, kv, c.attentionBias());
      linear(w, m, random, p + "self_attn.v_proj", h, kv, c.attentionBias());
      linear(w, m, random, p + "self_attn.o_proj", q, h, c.attentionBias());
      linear(w, m, random, p + "mlp.gate_proj", h, i, c.mlpBias());
      linear(w, m, random, p + "mlp.up_proj", h, i, c.mlpBias());
      linear(w, m, random, p + "mlp.down_proj", i, h, c.mlpBias());
    }
    w.put("model.norm.weight", normAround1(m, random, h));
    if (!c.tieWordEmbeddings()) {
      w.put("lm_head.weight", normal(m, random, (float) (1 / Math.sqrt(h)), c.vocabSize(), h));
    }
    return w;
  }

  static LlamaForCausalLM model(LlamaConfig c, Map<String, NDArray> weights, NDManager m) {
    return LlamaForCausalLM.load(c, Weights.of(new MemorySource(weights), m));
  }

  static LlamaForCausalLM randomModel(LlamaConfig c, NDManager m, long seed) {
    return model(c, randomWeights(c, m, seed), m);
  }

  /** Seeded token ids [rows, length] in [1, vocab). */
  static NDArray ids(NDManager m, long seed, int vocab, int rows, int length) {
    Random random = new Random(seed);
    long[] ids = new long[rows * length];
    for (int k = 0; k < ids.length; k++) {
      ids[k] = 1 + random.nextInt(vocab - 1);
    }
    return m.create(ids, new Shape(rows, length));
  }

  private static void linear(Map<String, NDArray> w, NDManager m, Random r, String name, int in, int out, boolean bias) {
    w.put(name + ".weight", normal(m, r, (float) (1 / Math.sqrt(in)), out, in));
    if (bias) {
      w.put(name + ".bias", normal(m, r, 0.1f, out));
    }
  }

  private static NDArray normAround1(NDManager m, Random r, int dim) {
    return normal(m, r, 0.1f, dim).add(1f);
  }

  private static NDArray normal(NDManager m, Random r, float std, long... shape) {
    Shape s = new Shape(shape);
    float[] data = new float[Math.toIntExact(s.size())];
    for (int k = 0; k < data.length; k++) {
      data[k] = (float) r.nextGaussian() * std;
    }
    return m.create(data, s);
  }
}
