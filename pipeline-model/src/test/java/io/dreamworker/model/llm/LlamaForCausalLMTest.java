package io.dreamworker.model.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dreamworker.model.conformance.RelativeError;
import io.dreamworker.model.weights.WeightsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Configurations the fixtures do not cover, checked by properties that hold for transformers'
 * {@code LlamaForCausalLM} by construction.
 */
class LlamaForCausalLMTest {
  private static final double TOLERANCE = 1e-5;

  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void groupedQueryAttention_equalsMultiHeadWithKeyValueWeightsReplicatedPerGroup() {
    ObjectNode json = TinyLlama.configJson();
    json.put("num_key_value_heads", 2);
    LlamaConfig gqa = LlamaConfig.fromJson(json);
    Map<String, NDArray> weights = TinyLlama.randomWeights(gqa, manager, 11);
    LlamaConfig mha = TinyLlama.config();
    Map<String, NDArray> replicated = new java.util.LinkedHashMap<>(weights);
    for (int l = 0; l < gqa.numHiddenLayers(); l++) {
      for (String proj : List.of("k_proj", "v_proj")) {
        String name = "model.layers." + l + ".self_attn." + proj + ".weight";
        replicated.put(name, replicatePerGroup(weights.get(name), gqa));
      }
    }
    NDArray ids = TinyLlama.ids(manager, 3, gqa.vocabSize(), 2, 7);

    NDArray grouped = TinyLlama.model(gqa, weights, manager).forward(ids).logits();
    NDArray multiHead = TinyLlama.model(mha, replicated, manager).forward(ids).logits();

    assertThat(RelativeError.of(grouped, multiHead)).isLessThan(TOLERANCE);
  }

  @Test
  void otherRopeTheta_changesOutputsAndCachedStepsStillEqualFullForward() {
    ObjectNode json = TinyLlama.configJson();
    ((ObjectNode) json.get("rope_parameters")).put("rope_theta", 500000.0);
    LlamaConfig wide = LlamaConfig.fromJson(json);
    Map<String, NDArray> weights = TinyLlama.randomWeights(wide, manager, 5);
    NDArray ids = TinyLlama.ids(manager, 4, wide.vocabSize(), 2, 9);
    LlamaForCausalLM model = TinyLlama.model(wide, weights, manager);

    NDArray full = model.forward(ids).logits();
    NDArray standard = TinyLlama.model(TinyLlama.config(), weights, manager).forward(ids).logits();

    assertThat(RelativeError.of(full, standard)).isGreaterThan(1e-3);
    assertThat(RelativeError.of(stepByStep(model, ids), full)).isLessThan(TOLERANCE);
  }

  @Test
  void cachedStepByStepLogits_equalFullForwardPastTheCacheGrowth() {
    LlamaForCausalLM model = TinyLlama.randomModel(TinyLlama.config(), manager, 7);
    // 40 tokens make the cache buffers grow twice (16 → 32 → 64).
    NDArray ids = TinyLlama.ids(manager, 8, 50, 2, 40);

    NDArray full = model.forward(ids).logits();

    assertThat(RelativeError.of(stepByStep(model, ids), full)).isLessThan(TOLERANCE);
  }

  @Test
  void cachedChunks_equalFullForward() {
    LlamaForCausalLM model = TinyLlama.randomModel(TinyLlama.config(), manager, 7);
    NDArray ids = TinyLlama.ids(manager, 9, 50, 1, 12);
    NDArray full = model.forward(ids).logits();
    try (LlamaKvCache cache = model.newCache(manager)) {
      NDArray first = model.forward(LlamaInput.ofIds(ids.get(":, :5")), cache).logits();
      NDArray second = model.forward(LlamaInput.ofIds(ids.get(":, 5:")), cache).logits();

      assertThat(cache.length()).isEqualTo(12);
      assertThat(RelativeError.of(first.concat(second, 1), full)).isLessThan(TOLERANCE);
    }
  }

  @Test
  void inputsEmbedsOfEmbed_equalTheIdsPath() {
    LlamaForCausalLM model = TinyLlama.randomModel(TinyLlama.config(), manager, 13);
    NDArray ids = TinyLlama.ids(manager, 14, 50, 2, 6);

    LlamaOutput byIds = model.forward(LlamaInput.ofIds(ids).withHiddenStates(true), null);
    LlamaOutput byEmbeds = model.forward(LlamaInput.ofEmbeds(model.embed(ids)).withHiddenStates(true), null);

    assertThat(byEmbeds.hiddenStates().get(0).getShape()).isEqualTo(new Shape(2, 6, 32));
    assertThat(RelativeError.of(byEmbeds.logits(), byIds.logits())).isEqualTo(0.0);
    assertThat(RelativeError.of(byEmbeds.hiddenStates().get(1), byIds.hiddenStates().get(1))).isEqualTo(0.0);
  }

  @Test
  void hiddenStates_areEmbeddingsLayerOutputsAndTheNormedLast() {
    ObjectNode json = TinyLlama.configJson();
    json.put("num_hidden_layers", 3);
    LlamaConfig c = LlamaConfig.fromJson(json);
    LlamaForCausalLM model = TinyLlama.randomModel(c, manager, 15);
    NDArray ids = TinyLlama.ids(manager, 16, 50, 1, 4);

    LlamaOutput out = model.forward(LlamaInput.ofIds(ids).withHiddenStates(true), null);

    assertThat(out.hiddenStates()).hasSize(4);
    assertThat(RelativeError.of(out.hiddenStates().get(0), model.embed(ids))).isEqualTo(0.0);
    assertThat(out.hiddenStates().get(3)).isSameAs(out.lastHidden());
    assertThat(RelativeError.of(model.logits(out.lastHidden()), out.logits())).isEqualTo(0.0);
    assertThat(model.forward(ids).hiddenStates()).isEmpty();
  }

  @Test
  void logitsModes_lastIsTheFinalRowAndNoneSkipsTheHead() {
    LlamaForCausalLM model = TinyLlama.randomModel(TinyLlama.config(), manager, 17);
    NDArray ids = TinyLlama.ids(manager, 18, 50, 2, 5);
    NDArray all = model.forward(ids).logits();

    NDArray last = model.forward(LlamaInput.ofIds(ids).withLogits(LogitsMode.LAST), null).logits();
    LlamaOutput none = model.forward(LlamaInput.ofIds(ids).withLogits(LogitsMode.NONE), null);

    assertThat(last.getShape()).isEqualTo(new Shape(2, 1, 50));
    assertThat(RelativeError.of(last, all.get(":, -1:, :"))).isLessThan(1e-6);
    assertThat(none.logits()).isNull();
    assertThat(none.lastHidden().getShape()).isEqualTo(new Shape(2, 5, 32));
  }

  @Test
  void tiedEmbeddings_projectWithTheEmbeddingMatrixAndNeedNoLmHead() {
    ObjectNode json = TinyLlama.configJson();
    json.put("tie_word_embeddings", true);
    LlamaConfig tied = LlamaConfig.fromJson(json);
    Map<String, NDArray> weights = TinyLlama.randomWeights(tied, manager, 19);
    assertThat(weights).doesNotContainKey("lm_head.weight");
    LlamaForCausalLM model = TinyLlama.model(tied, weights, manager);
    NDArray ids = TinyLlama.ids(manager, 20, 50, 1, 4);

    LlamaOutput out = model.forward(ids);

    NDArray expected = out.lastHidden().matMul(weights.get("model.embed_tokens.weight").transpose());
    assertThat(RelativeError.of(out.logits(), expected)).isLessThan(1e-6);
  }

  @Test
  void untiedConfigWithoutLmHead_failsNamingTheTensor() {
    LlamaConfig c = TinyLlama.config();
    Map<String, NDArray> weights = new java.util.LinkedHashMap<>(TinyLlama.randomWeights(c, manager, 21));
    weights.remove("lm_head.weight");

    assertThatThrownBy(() -> TinyLlama.model(c, weights, manager))
        .isInstanceOf(WeightsException.class)
        .hasMessageContaining("lm_head.weight");
  }

  @Test
  void attentionAndMlpBiases_areLoadedAndZeroBiasesEqualNone() {
    ObjectNode json = TinyLlama.configJson();
    json.put("attention_bias", true);
    json.put("mlp_bias", true);
    LlamaConfig biased = LlamaConfig.fromJson(json);
    Map<String, NDArray> weights = TinyLlama.randomWeights(biased, manager, 22);
    Map<String, NDArray> zeroed = new java.util.LinkedHashMap<>();
    Map<String, NDArray> plain = new java.util.LinkedHashMap<>();
    weights.forEach((name, w) -> {
      zeroed.put(name, name.endsWith(".bias") ? w.zerosLike() : w);
      if (!name.endsWith(".bias")) {
        plain.put(name, w);
      }
    });
    NDArray ids = TinyLlama.ids(manager, 23, 50, 1, 5);

    NDArray withBias = TinyLlama.model(biased, weights, manager).forward(ids).logits();
    NDArray zeroBias = TinyLlama.model(biased, zeroed, manager).forward(ids).logits();
    NDArray noBias = TinyLlama.model(TinyLlama.config(), plain, manager).forward(ids).logits();

    assertThat(RelativeError.of(zeroBias, noBias)).isLessThan(1e-6);
    assertThat(RelativeError.of(withBias, noBias)).isGreaterThan(1e-3);
  }

  @Test
  void linearRopeScaling_atScaledPositionsEqualsDefaultRope() {
    ObjectNode json = TinyLlama.configJson();
    ObjectNode rope = (ObjectNode) json.get("rope_parameters");
    rope.put("rope_type", "linear");
    rope.put("factor", 4.0);
    LlamaConfig linear = LlamaConfig.fromJson(json);
    Map<String, NDArray> weights = TinyLlama.randomWeights(linear, manager, 24);
    NDArray ids = TinyLlama.ids(manager, 25, 50, 1, 6);
    NDArray positions = manager.arange(0, 6, 1, DataType.INT64).reshape(1, 6);

    NDArray scaled = TinyLlama.model(linear, weights, manager)
        .forward(LlamaInput.ofIds(ids).withPositionIds(positions.mul(4)), null).logits();
    NDArray standard = TinyLlama.model(TinyLlama.config(), weights, manager)
        .forward(LlamaInput.ofIds(ids).withPositionIds(positions), null).logits();
    NDArray unscaledPositions = TinyLlama.model(linear, weights, manager).forward(ids).logits();

    assertThat(RelativeError.of(scaled, standard)).isLessThan(1e-6);
    assertThat(RelativeError.of(unscaledPositions, standard)).isGreaterThan(1e-3);
  }

  @Test
  void leftPaddedBatchRows_equalTheRowsAloneWithAndWithoutCache() {
    LlamaForCausalLM model = TinyLlama.randomModel(TinyLlama.config(), manager, 26);
    NDArray longRow = TinyLlama.ids(manager, 27, 50, 1, 6);
    NDArray shortRow = TinyLlama.ids(manager, 28, 50, 1, 4);
    NDArray padded = manager.zeros(new Shape(1, 2), DataType.INT64).concat(shortRow, 1);
    NDArray batch = longRow.concat(padded, 0);
    NDArray mask = manager.create(new long[][] {{1, 1, 1, 1, 1, 1}, {0, 0, 1, 1, 1, 1}});
    NDArray next = manager.create(new long[][] {{7}, {9}});

    try (LlamaKvCache cache = model.newCache(manager)) {
      NDArray prefill = model.forward(LlamaInput.ofIds(batch).withAttentionMask(mask), cache).logits();
      NDArray stepMask = mask.concat(manager.ones(new Shape(2, 1), DataType.INT64), 1);
      NDArray step = model.forward(LlamaInput.ofIds(next).withAttentionMask(stepMask), cache).logits();

      NDArray longAlone = model.forward(longRow.concat(next.get("0:1"), 1)).logits();
      NDArray shortAlone = model.forward(shortRow.concat(next.get("1:2"), 1)).logits();
      assertThat(RelativeError.of(prefill.get("0:1"), longAlone.get(":, :6"))).isLessThan(TOLERANCE);
      assertThat(RelativeError.of(prefill.get("1:2, 2:"), shortAlone.get(":, :4"))).isLessThan(TOLERANCE);
      assertThat(RelativeError.of(step.get("0:1"), longAlone.get(":, 6:"))).isLessThan(TOLERANCE);
      assertThat(RelativeError.of(step.get("1:2"), shortAlone.get(":, 4:"))).isLessThan(TOLERANCE);
      assertThat(prefill.isNaN().any().getBoolean()).isFalse();
    }
  }

  @Test
  void aCacheUsedWithAnotherBatchSize_isRejected() {
    LlamaForCausalLM model = TinyLlama.randomModel(TinyLlama.config(), manager, 29);
    try (LlamaKvCache cache = model.newCache(manager)) {
      model.forward(LlamaInput.ofIds(TinyLlama.ids(manager, 30, 50, 2, 3)), cache);

      assertThatThrownBy(() -> model.forward(LlamaInput.ofIds(TinyLlama.ids(manager, 31, 50, 1, 1)), cache))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("batch of 2 rows");
    }
  }

  @Test
  void aMaskThatDoesNotCoverTheCache_isRejected() {
    LlamaForCausalLM model = TinyLlama.randomModel(TinyLlama.config(), manager, 32);
    try (LlamaKvCache cache = model.newCache(manager)) {
      model.forward(LlamaInput.ofIds(TinyLlama.ids(manager, 33, 50, 1, 3)), cache);
      LlamaInput step = LlamaInput.ofIds(TinyLlama.ids(manager, 34, 50, 1, 1))
          .withAttentionMask(manager.ones(new Shape(1, 1), DataType.INT64));

      assertThatThrownBy(() -> model.forward(step, cache))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("attentionMask has shape (1, 1)")
          .hasMessageContaining("[1, 4]");
    }
  }

  @Test
  void aForwardPass_leavesNoArraysBehindInTheModelsManager() {
    NDManager weightsManager = manager.newSubManager();
    LlamaForCausalLM model = TinyLlama.randomModel(TinyLlama.config(), weightsManager, 35);
    NDArray ids = TinyLlama.ids(manager, 36, 50, 2, 5);
    model.forward(ids);
    int before = weightsManager.getManagedArrays().size();

    try (NDManager call = manager.newSubManager(); LlamaKvCache cache = model.newCache(call)) {
      NDArray local = ids.duplicate();
      local.attach(call);
      model.forward(LlamaInput.ofIds(local).withHiddenStates(true), cache);
      model.forward(LlamaInput.ofIds(local.get(":, :1")), cache);
    }

    assertThat(weightsManager.getManagedArrays()).hasSize(before);
  }

  /** Feeds the ids one token at a time through a cache and stacks each step's logits. */
  private NDArray stepByStep(LlamaForCausalLM model, NDArray ids) {
    List<NDArray> steps = new ArrayList<>();
    try (LlamaKvCache cache = model.newCache(manager)) {
      for (long t = 0; t < ids.getShape().get(1); t++) {
        steps.add(model.forward(LlamaInput.ofIds(ids.get(new NDIndex(":, {}:{}", t, t + 1))), cache).logits());
      }
    }
    return NDArrays.concat(new NDList(steps), 1);
  }

  /** [kvHeads * d, H] → [heads * d, H], each key/value head's rows repeated for its query group. */
  private static NDArray replicatePerGroup(NDArray kv, LlamaConfig c) {
    long d = c.headDim();
    return kv.reshape(c.numKeyValueHeads(), 1, d, c.hiddenSize())
        .repeat(1, c.groupSize())
        .reshape(c.numAttentionHeads() * d, c.hiddenSize());
  }
}
