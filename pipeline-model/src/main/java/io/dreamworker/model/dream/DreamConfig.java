package io.dreamworker.model.dream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The configuration of DreamLLM's own parts, as the released implementation fixes them
 * ({@code omni/models/dreamllm/modeling_plugins.py}, {@code projects/dreamllm/configs/common.py}):
 * a linear visual projector from CLIP features to the LLM, {@code num_dream_queries} learned
 * queries, and a linear condition projector without bias from the LLM to the UNet's
 * cross-attention width.
 *
 * @param numDreamQueries learned queries appended after {@code <dream_start>} (DreamLLM: 64)
 * @param visionSelectLayer the CLIP hidden state fed to the LLM, Python-style index into the
 *     hidden states (DreamLLM: -2, the penultimate layer)
 * @param visionSelectFeature {@code patch} drops the class token (DreamLLM), {@code cls_patch}
 *     keeps it
 * @param visionHiddenSize CLIP's hidden size, the visual projector's input (ViT-L/14: 1024)
 * @param llmHiddenSize the LLM's hidden size (Vicuna-7B: 4096)
 * @param conditionDim the UNet's {@code cross_attention_dim} (SD 2.1: 1024)
 */
public record DreamConfig(
    int numDreamQueries,
    int visionSelectLayer,
    String visionSelectFeature,
    long visionHiddenSize,
    long llmHiddenSize,
    long conditionDim) {

  /** DreamLLM's query count. */
  public static final int DEFAULT_NUM_DREAM_QUERIES = 64;
  /** DreamLLM's (and LLaVA's) feature layer: the penultimate. */
  public static final int DEFAULT_VISION_SELECT_LAYER = -2;
  /** DreamLLM drops CLIP's class token. */
  public static final String DEFAULT_VISION_SELECT_FEATURE = "patch";

  private static final List<String> SELECT_FEATURES = List.of("patch", "cls_patch");

  public DreamConfig {
    if (numDreamQueries < 1) {
      throw new IllegalArgumentException(
          "num_dream_queries must be at least 1, got " + numDreamQueries + " (DreamLLM uses 64)");
    }
    if (!SELECT_FEATURES.contains(visionSelectFeature)) {
      throw new IllegalArgumentException("vision_select_feature '" + visionSelectFeature
          + "' is not one of " + SELECT_FEATURES);
    }
    if (visionHiddenSize < 1 || llmHiddenSize < 1 || conditionDim < 1) {
      throw new IllegalArgumentException("vision_hidden_size, llm_hidden_size and condition_dim must be"
          + " positive, got " + visionHiddenSize + ", " + llmHiddenSize + ", " + conditionDim);
    }
  }

  /** Reads the bundle's {@code dream} config; absent keys take DreamLLM's values. */
  public static DreamConfig fromJson(JsonNode c) {
    return new DreamConfig(
        c.path("num_dream_queries").asInt(DEFAULT_NUM_DREAM_QUERIES),
        c.path("vision_select_layer").asInt(DEFAULT_VISION_SELECT_LAYER),
        c.path("vision_select_feature").asText(DEFAULT_VISION_SELECT_FEATURE),
        require(c, "vision_hidden_size"),
        require(c, "llm_hidden_size"),
        require(c, "condition_dim"));
  }

  /** The config as the bundle stores it. */
  public ObjectNode toJson() {
    ObjectNode n = new ObjectMapper().createObjectNode();
    n.put("num_dream_queries", numDreamQueries);
    n.put("vision_select_layer", visionSelectLayer);
    n.put("vision_select_feature", visionSelectFeature);
    n.put("vision_hidden_size", visionHiddenSize);
    n.put("llm_hidden_size", llmHiddenSize);
    n.put("condition_dim", conditionDim);
    return n;
  }

  private static long require(JsonNode c, String key) {
    JsonNode v = c.get(key);
    if (v == null || !v.canConvertToLong()) {
      throw new IllegalArgumentException("dream config needs an integer '" + key + "', got " + v);
    }
    return v.asLong();
  }
}
