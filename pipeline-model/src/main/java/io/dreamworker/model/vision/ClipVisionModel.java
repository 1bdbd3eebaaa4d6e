package io.dreamworker.model.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import io.dreamworker.model.nn.LayerNorm;
import io.dreamworker.model.weights.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * transformers' {@code CLIPVisionModel} (its {@code CLIPVisionTransformer}, eager attention): the
 * CLIP ViT image encoder whose penultimate hidden state DreamLLM and LLaVA feed to the language
 * model.
 *
 * <p>Weights are read under the reference's names relative to the {@code vision_model} module:
 * {@code embeddings.*}, {@code pre_layrnorm.*} (sic), {@code encoder.layers.i.*}, {@code
 * post_layernorm.*}. {@link #moduleRoot(Weights)} finds that module in a checkpoint saved with or
 * without the {@code vision_model.} prefix.
 *
 * <p>Forward methods keep only their results: intermediates are freed as each layer finishes.
 * Results belong to the manager of the pixel values.
 */
public final class ClipVisionModel {
  private final ClipVisionConfig config;
  private final ClipVisionEmbeddings embeddings;
  private final LayerNorm preLayrnorm;
  private final List<ClipEncoderLayer> layers;
  private final LayerNorm postLayernorm;

  private ClipVisionModel(
      ClipVisionConfig config,
      ClipVisionEmbeddings embeddings,
      LayerNorm preLayrnorm,
      List<ClipEncoderLayer> layers,
      LayerNorm postLayernorm) {
    this.config = config;
    this.embeddings = embeddings;
    this.preLayrnorm = preLayrnorm;
    this.layers = List.copyOf(layers);
    this.postLayernorm = postLayernorm;
  }

  /**
   * Loads the tower from {@code w}, a view at the {@code vision_model} module.
   *
   * @throws io.dreamworker.model.weights.WeightsException naming a tensor that is missing or whose
   *     shape disagrees with the config
   */
  public static ClipVisionModel load(Weights w, ClipVisionConfig config) {
    float eps = config.layerNormEps();
    List<ClipEncoderLayer> layers = new ArrayList<>();
    for (int i = 0; i < config.numHiddenLayers(); i++) {
      layers.add(ClipEncoderLayer.load(w.child("encoder.layers." + i), config));
    }
    return new ClipVisionModel(
        config,
        ClipVisionEmbeddings.load(w.child("embeddings"), config),
        LayerNorm.load(w, "pre_layrnorm", config.hiddenSize(), eps),
        layers,
        LayerNorm.load(w, "post_layernorm", config.hiddenSize(), eps));
  }

  /**
   * The {@code vision_model} module under {@code w}: {@code w.child("vision_model")} when the
   * checkpoint uses transformers' {@code CLIPVisionModel} names ({@code
   * vision_model.embeddings...}), else {@code w} itself (a checkpoint saved from the inner
   * transformer).
   */
  public static Weights moduleRoot(Weights w) {
    return w.has("vision_model.embeddings.class_embedding") ? w.child("vision_model") : w;
  }

  public ClipVisionConfig config() {
    return config;
  }

  /** The number of encoder layers L. */
  public int numLayers() {
    return layers.size();
  }

  /**
   * The full forward pass with every hidden state, the last one and the pooled output.
   *
   * @param pixelValues [B, C, S, S], normalised
   */
  public ClipVisionOutput forward(NDArray pixelValues) {
    List<NDArray> states = new ArrayList<>(layers.size() + 1);
    NDArray pooled;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      NDArray h = embed(pixelValues);
      states.add(h);
      for (ClipEncoderLayer layer : layers) {
        h = scoped(h, layer::apply);
        states.add(h);
      }
      pooled = scoped(h, last -> postLayernorm.apply(last.get(new NDIndex(":, 0, :"))));
      NDScope.unregister(states.toArray(NDArray[]::new));
      NDScope.unregister(pooled);
    }
    // Results belong to the caller's manager, not to the weights' (the class embedding is the
    // first operand of the first concatenation, so the engine would put them there).
    NDManager owner = pixelValues.getManager();
    states.forEach(a -> a.attach(owner));
    pooled.attach(owner);
    return new ClipVisionOutput(states, states.getLast(), pooled);
  }

  /**
   * One hidden state, running the encoder only as far as it needs: for {@code -2} (DreamLLM's
   * and LLaVA's feature layer) the last layer does not run.
   *
   * @param pixelValues [B, C, S, S], normalised
   * @param index Python-style: 0 the embeddings after {@code pre_layrnorm}, i the output of layer
   *     i, −1 the last layer's output, −2 the penultimate
   * @return [B, 1 + N, H]
   * @throws IndexOutOfBoundsException if {@code index} is outside [−(L + 1), L]
   */
  public NDArray hiddenState(NDArray pixelValues, int index) {
    int target = resolveLayer(index, layers.size());
    NDArray h;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      h = embed(pixelValues);
      for (int i = 0; i < target; i++) {
        NDArray previous = h;
        h = scoped(previous, layers.get(i)::apply);
        previous.close();
      }
      NDScope.unregister(h);
    }
    h.attach(pixelValues.getManager());
    return h;
  }

  /**
   * {@link #hiddenState(NDArray, int)} without the class token, the image features DreamLLM and
   * LLaVA project into the language model ({@code select_feature = "patch"}).
   *
   * @return [B, N, H]
   */
  public NDArray patchFeatures(NDArray pixelValues, int index) {
    NDArray state = hiddenState(pixelValues, index);
    NDArray patches;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      // A copy, so that the full state (with the class token) can be freed now.
      patches = state.get(new NDIndex(":, 1:, :")).duplicate();
      NDScope.unregister(patches);
    }
    state.close();
    return patches;
  }

  /**
   * The position of a Python-style index among {@code layers + 1} hidden states.
   *
   * @throws IndexOutOfBoundsException naming the index and the valid range
   */
  static int resolveLayer(int index, int layers) {
    int resolved = index < 0 ? layers + 1 + index : index;
    if (resolved < 0 || resolved > layers) {
      throw new IndexOutOfBoundsException(
          "hidden state index " + index + " is outside [" + -(layers + 1) + ", " + layers
              + "] for a vision tower of " + layers + " layers (0 = embeddings, -1 = last layer,"
              + " -2 = penultimate)");
    }
    return resolved;
  }

  /** Embeddings then {@code pre_layrnorm}: hidden state 0, [B, 1 + N, H]. */
  private NDArray embed(NDArray pixelValues) {
    return scoped(pixelValues, x -> preLayrnorm.apply(embeddings.apply(x)));
  }

  /**
   * Runs {@code step} in a scope of its own so that its intermediates are freed at once, and hands
   * the result to the enclosing scope.
   */
  private static NDArray scoped(NDArray input, UnaryOperator<NDArray> step) {
    NDArray result;
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      result = step.apply(input);
      NDScope.unregister(result);
    }
    NDScope.register(result);
    return result;
  }
}
