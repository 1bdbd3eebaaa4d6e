package io.dreamworker.model.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.nn.Linear;
import io.dreamworker.model.weights.Weights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * transformers' {@code LlamaForCausalLM} (eager attention): token embedding, decoder layers,
 * final RMSNorm and the LM head, loaded by the reference's tensor names
 * ({@code model.embed_tokens.weight}, {@code model.layers.{i}...}, {@code model.norm.weight},
 * {@code lm_head.weight}, or the embedding matrix when {@code tie_word_embeddings}).
 *
 * <p>Immutable once loaded; concurrent forward passes are safe as long as each uses its own
 * {@link LlamaKvCache}. Weights stay in the manager of the {@link Weights} they were loaded from.
 */
public final class LlamaForCausalLM {
  private final LlamaConfig config;
  private final NDArray embedTokens; // [V, H]
  private final List<LlamaDecoderLayer> layers;
  private final RmsNorm norm;
  private final Linear lmHead; // [V, H]
  private final RotaryEmbedding rotary;

  private LlamaForCausalLM(
      LlamaConfig config, NDArray embedTokens, List<LlamaDecoderLayer> layers, RmsNorm norm,
      Linear lmHead, RotaryEmbedding rotary) {
    this.config = config;
    this.embedTokens = embedTokens;
    this.layers = layers;
    this.norm = norm;
    this.lmHead = lmHead;
    this.rotary = rotary;
  }

  /**
   * Loads the model.
   *
   * @param weights a view whose names are the checkpoint's ({@code model.*}, {@code lm_head.*})
   * @throws io.dreamworker.model.weights.WeightsException naming a missing or misshapen tensor
   */
  public static LlamaForCausalLM load(LlamaConfig config, Weights weights) {
    Weights model = weights.child("model");
    NDArray embed = model.child("embed_tokens").get("weight", config.vocabSize(), config.hiddenSize());
    List<LlamaDecoderLayer> layers = new ArrayList<>();
    for (int i = 0; i < config.numHiddenLayers(); i++) {
      layers.add(LlamaDecoderLayer.load(model.child("layers." + i), config));
    }
    RmsNorm norm = RmsNorm.load(model, "norm", config.hiddenSize(), config.rmsNormEps());
    Linear head = config.tieWordEmbeddings()
        ? new Linear(embed, null)
        : Linear.load(weights, "lm_head", config.hiddenSize(), config.vocabSize(), false);
    RotaryEmbedding rotary = RotaryEmbedding.create(config.rope(), config.headDim(), weights.manager());
    return new LlamaForCausalLM(config, embed, List.copyOf(layers), norm, head, rotary);
  }

  public LlamaConfig config() {
    return config;
  }

  /** A new, empty cache for one batch, owned by a sub-manager of {@code manager}. */
  public LlamaKvCache newCache(NDManager manager) {
    return new LlamaKvCache(manager, layers.size());
  }

  /** Token embeddings: ids [B, T] → [B, T, H], attached to the ids' manager. */
  public NDArray embed(NDArray ids) {
    NDArray e = embedTokens.get(ids);
    e.attach(ids.getManager());
    return e;
  }

  /** The LM head: hidden states [..., H] (after the final norm) → logits [..., V], on their manager. */
  public NDArray logits(NDArray hidden) {
    return lmHead.apply(hidden);
  }

  /** A full forward pass over token ids [B, T] without cache: every position's logits. */
  public LlamaOutput forward(NDArray inputIds) {
    return forward(LlamaInput.ofIds(inputIds), null);
  }

  /**
   * One forward pass. With a cache, the new tokens attend to every cached slot and causally among
   * themselves, and the cache grows by T; without one, the pass is self-contained.
   *
   * @param cache the batch's cache, or {@code null}
   * @return outputs attached to the manager of the input ids or embeddings
   */
  public LlamaOutput forward(LlamaInput input, LlamaKvCache cache) {
    NDArray source = input.source();
    NDManager outManager = source.getManager();
    try (NDScope scope = new NDScope()) {
      NDArray h = input.inputIds() != null ? embedTokens.get(checkIds(input.inputIds())) : input.inputsEmbeds();
      checkEmbeds(h);
      long b = h.getShape().get(0);
      long t = h.getShape().get(1);
      long past = cache == null ? 0 : cache.length();
      if (cache != null) {
        cache.checkBatch(b);
      }
      NDArray paddingMask = input.attentionMask();
      if (paddingMask != null) {
        checkShape("attentionMask", paddingMask, b, past + t);
      }
      NDArray positions = positions(input, outManager, b, t, past);
      NDList cosSin = rotary.cosSin(positions);
      NDArray mask = CausalMask.additive(outManager, past, t, paddingMask);

      List<NDArray> hidden = new ArrayList<>();
      boolean keepHidden = input.outputHiddenStates();
      if (keepHidden) {
        // The caller keeps its own embeddings; the output gets a copy it may close.
        hidden.add(h == input.inputsEmbeds() ? h.duplicate() : h);
      }
      for (int i = 0; i < layers.size(); i++) {
        NDArray next;
        // A scope per layer frees its attention scores before the next layer allocates its own.
        try (NDScope layerScope = new NDScope()) {
          next = layers.get(i).forward(h, cosSin.get(0), cosSin.get(1), mask, cache, i);
          NDScope.unregister(next);
        }
        NDScope.register(next);
        if (!keepHidden && h != input.inputsEmbeds()) {
          h.close();
        }
        h = next;
        if (keepHidden && i < layers.size() - 1) {
          hidden.add(h);
        }
      }
      NDArray last = norm.apply(h);
      if (keepHidden) {
        hidden.add(last);
      }
      NDArray logits = switch (input.logits()) {
        case ALL -> lmHead.apply(last);
        case LAST -> lmHead.apply(last.get(new NDIndex(":, -1:, :")));
        case NONE -> null;
      };
      if (cache != null) {
        cache.advance(t);
      }
      List<NDArray> kept = new ArrayList<>(hidden);
      kept.add(last);
      if (logits != null) {
        kept.add(logits);
      }
      for (NDArray a : kept) {
        NDScope.unregister(a);
        a.attach(outManager);
      }
      return new LlamaOutput(logits, last, hidden);
    }
  }

  private NDArray positions(LlamaInput input, NDManager manager, long b, long t, long past) {
    if (input.positionIds() != null) {
      NDArray p = input.positionIds();
      if (p.getShape().dimension() != 2 || (p.getShape().get(0) != b && p.getShape().get(0) != 1)
          || p.getShape().get(1) != t) {
        throw new IllegalArgumentException(
            "positionIds has shape " + p.getShape() + " but the input needs [" + b + ", " + t + "] (or [1, " + t + "])");
      }
      return p;
    }
    if (input.attentionMask() != null) {
      // Each row counts only its real tokens, so a left-padded row sees the positions it would alone.
      NDArray counted = input.attentionMask().toType(DataType.INT64, false).cumSum(1).sub(1).maximum(0);
      return counted.get(new NDIndex(":, {}:", past));
    }
    return manager.arange(past, past + t, 1, DataType.INT64).reshape(1, t);
  }

  private static NDArray checkIds(NDArray ids) {
    if (ids.getShape().dimension() != 2) {
      throw new IllegalArgumentException("inputIds must be [B, T] but has shape " + ids.getShape());
    }
    if (!ids.getDataType().isInteger()) {
      throw new IllegalArgumentException("inputIds must be integer token ids but are " + ids.getDataType());
    }
    return ids;
  }

  private void checkEmbeds(NDArray h) {
    Shape s = h.getShape();
    if (s.dimension() != 3 || s.get(2) != config.hiddenSize() || s.get(1) == 0) {
      throw new IllegalArgumentException(
          "inputsEmbeds must be [B, T, " + config.hiddenSize() + "] with T > 0 but has shape " + s);
    }
  }

  private static void checkShape(String name, NDArray a, long... expected) {
    if (!Arrays.equals(a.getShape().getShape(), expected)) {
      throw new IllegalArgumentException(
          name + " has shape " + a.getShape() + " but the input and cache need " + Arrays.toString(expected));
    }
  }
}
