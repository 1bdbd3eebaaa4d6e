package io.dreamworker.model.llm;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dreamworker.model.config.ReferenceJson;
import io.dreamworker.model.conformance.RelativeError;
import io.dreamworker.model.weights.RandomInitSource;
import io.dreamworker.model.weights.Weights;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KvBatchTest {
  NDManager m;
  LlamaForCausalLM model;

  @BeforeEach
  void setUp() {
    m = NDManager.newBaseManager();
    ObjectNode c = ReferenceJson.mapper().createObjectNode()
        .put("vocab_size", 50).put("hidden_size", 32).put("intermediate_size", 64)
        .put("num_hidden_layers", 2).put("num_attention_heads", 4).put("num_key_value_heads", 2)
        .put("max_position_embeddings", 256);
    model = LlamaForCausalLM.load(LlamaConfig.fromJson(c), Weights.of(new RandomInitSource(3, 1f), m));
  }

  @AfterEach
  void tearDown() {
    m.close();
  }

  private NDArray embeds(long seed, int t) {
    return embeds(m, seed, t);
  }

  private static NDArray embeds(NDManager manager, long seed, int t) {
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    float[] values = new float[t * 32];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return manager.create(values, new Shape(1, t, 32));
  }

  /** Runs a sequence alone: prompt, then one more block; returns the last logits of the block. */
  private float[] alone(NDArray prompt, NDArray next) {
    try (LlamaKvCache cache = model.newCache(m)) {
      model.forward(LlamaInput.ofEmbeds(prompt).withLogits(LogitsMode.NONE), cache);
      return model.forward(LlamaInput.ofEmbeds(next).withLogits(LogitsMode.LAST), cache).logits().toFloatArray();
    }
  }

  @Test
  void rowsWithDifferentCachesAndNewLengths_computeWhatEachComputesAlone() {
    NDArray p1 = embeds(1, 7);
    NDArray p2 = embeds(2, 3);
    NDArray p3 = embeds(3, 1);
    NDArray n1 = embeds(4, 1);
    NDArray n2 = embeds(5, 4);
    NDArray n3 = embeds(6, 2);
    try (LlamaKvCache c1 = model.newCache(m); LlamaKvCache c2 = model.newCache(m); LlamaKvCache c3 = model.newCache(m)) {
      // Prefill of three prompts of different lengths into empty caches, in one pass.
      KvBatch.forward(model, List.of(c1, c2, c3), List.of(p1, p2, p3), false, m);
      assertThat(List.of(c1.length(), c2.length(), c3.length())).containsExactly(7, 3, 1);
      // Then a pass where each row brings a different number of new positions.
      KvBatch.Result r = KvBatch.forward(model, List.of(c1, c2, c3), List.of(n1, n2, n3), true, m);
      assertThat(r.lastLogits().getShape()).isEqualTo(new Shape(3, 50));
      float[][] expected = {alone(p1, n1), alone(p2, n2), alone(p3, n3)};
      for (int row = 0; row < 3; row++) {
        assertThat(RelativeError.of(r.lastLogits().get(row).toFloatArray(), expected[row]))
            .as("row %d", row).isLessThan(1e-5);
      }
      assertThat(List.of(c1.length(), c2.length(), c3.length())).containsExactly(8, 7, 3);
    }
  }

  @Test
  void rowsCacheAfterABatchedPass_continueAloneExactlyAsIfNeverBatched() {
    NDArray p1 = embeds(1, 5);
    NDArray p2 = embeds(2, 2);
    NDArray next = embeds(9, 1);
    try (LlamaKvCache c1 = model.newCache(m); LlamaKvCache c2 = model.newCache(m)) {
      KvBatch.forward(model, List.of(c1, c2), List.of(p1, p2), false, m);
      float[] continued = model.forward(LlamaInput.ofEmbeds(next).withLogits(LogitsMode.LAST), c2).logits().toFloatArray();
      assertThat(RelativeError.of(continued, alone(p2, next))).isLessThan(1e-5);
    }
  }

  @Test
  void aPass_leavesNoArraysBehind() {
    try (LlamaKvCache c1 = model.newCache(m); LlamaKvCache c2 = model.newCache(m)) {
      KvBatch.forward(model, List.of(c1, c2), List.of(embeds(1, 3), embeds(2, 2)), false, m);
      long before = m.getManagedArrays().size();
      for (int i = 0; i < 5; i++) {
        try (NDManager step = m.newSubManager()) {
          KvBatch.forward(model, List.of(c1, c2), List.of(embeds(step, 3, 1), embeds(step, 4, 1)), true, step);
        }
      }
      // The caches' buffers are replaced when they double, never added to; no views remain.
      assertThat(m.getManagedArrays().size()).isEqualTo(before);
    }
  }
}
