package io.dreamworker.model.dream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import io.dreamworker.model.nn.Linear;
import io.dreamworker.model.weights.Weights;

/**
 * DreamLLM's own learned parts, between the pretrained CLIP, LLM and UNet:
 *
 * <ul>
 *   <li>the visual projector, {@code Linear(vision_hidden → llm_hidden)} with bias and no
 *       activation, applied to CLIP's selected hidden state (DreamLLM's {@code
 *       clip_vision_embedding.projector.projector});
 *   <li>the dream queries, a [1, N, llm_hidden] parameter fed to the LLM after
 *       {@code <dream_start>} (DreamLLM's {@code dream_embedding.dream_queries});
 *   <li>the condition projector, {@code Linear(llm_hidden → cross_attention_dim)} without bias,
 *       applied to the LLM's final-norm hidden states at the query positions (DreamLLM's {@code
 *       stable_diffusion_head.projector.projector}).
 * </ul>
 *
 * <p>Tensor names, under the bundle's {@code dream.} prefix: {@code visual_projector.weight}
 * [llm, vision], {@code visual_projector.bias} [llm], {@code dream_queries} [1, N, llm], {@code
 * condition_projector.weight} [cond, llm]. The converter maps DreamLLM's keys to these.
 */
public final class DreamParts {
  private final DreamConfig config;
  private final Linear visualProjector;
  private final NDArray dreamQueries;
  private final Linear conditionProjector;

  private DreamParts(DreamConfig config, Linear visualProjector, NDArray dreamQueries,
      Linear conditionProjector) {
    this.config = config;
    this.visualProjector = visualProjector;
    this.dreamQueries = dreamQueries;
    this.conditionProjector = conditionProjector;
  }

  /** Loads the three parts from {@code w} (already under the bundle's {@code dream.} prefix). */
  public static DreamParts load(DreamConfig config, Weights w) {
    return new DreamParts(
        config,
        Linear.load(w, "visual_projector", config.visionHiddenSize(), config.llmHiddenSize(), true),
        w.get("dream_queries", 1, config.numDreamQueries(), config.llmHiddenSize()),
        Linear.load(w, "condition_projector", config.llmHiddenSize(), config.conditionDim(), false));
  }

  public DreamConfig config() {
    return config;
  }

  /**
   * Maps CLIP's hidden states to LLM embeddings: selects the patch tokens (dropping the class
   * token unless configured otherwise) and applies the visual projector.
   *
   * @param clipHidden [B, 1 + P, vision_hidden], the hidden state of the configured layer
   * @return [B, P, llm_hidden] (or [B, 1 + P, llm_hidden] for {@code cls_patch})
   */
  public NDArray projectImageFeatures(NDArray clipHidden) {
    NDArray selected = config.visionSelectFeature().equals("patch")
        ? clipHidden.get(new NDIndex(":, 1:, :"))
        : clipHidden;
    return visualProjector.apply(selected);
  }

  /**
   * The learned queries, [1, N, llm_hidden]: the parameter itself, to be concatenated after the
   * embedding of {@code <dream_start>} (never modified in place).
   */
  public NDArray dreamQueries() {
    return dreamQueries;
  }

  /**
   * The UNet condition from the LLM's hidden states at the query positions.
   *
   * @param queryHidden [B, N, llm_hidden], final-norm hidden states
   * @return [B, N, cross_attention_dim]
   */
  public NDArray condition(NDArray queryHidden) {
    return conditionProjector.apply(queryHidden);
  }
}
