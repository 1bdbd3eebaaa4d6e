package io.dreamworker.model.vision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dreamworker.model.nn.Activation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * transformers' {@code CLIPVisionConfig}: the sizes of a CLIP ViT vision tower, read from the
 * reference's own {@code config.json} field names. Absent fields take transformers' defaults, which
 * are those of OpenAI's ViT-B/32.
 *
 * @param hiddenSize {@code hidden_size} (768)
 * @param intermediateSize {@code intermediate_size} (3072), the MLP's inner width
 * @param numAttentionHeads {@code num_attention_heads} (12)
 * @param numHiddenLayers {@code num_hidden_layers} (12)
 * @param imageSize {@code image_size} (224), the side of the square input
 * @param patchSize {@code patch_size} (32)
 * @param numChannels {@code num_channels} (3)
 * @param activation {@code hidden_act} ({@code quick_gelu})
 * @param layerNormEps {@code layer_norm_eps} (1e-5)
 */
public record ClipVisionConfig(
    int hiddenSize,
    int intermediateSize,
    int numAttentionHeads,
    int numHiddenLayers,
    int imageSize,
    int patchSize,
    int numChannels,
    Activation activation,
    float layerNormEps) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @throws IllegalArgumentException naming the field, its value and the fix when the sizes are
   *     not positive or do not divide
   */
  public ClipVisionConfig {
    positive("hidden_size", hiddenSize);
    positive("intermediate_size", intermediateSize);
    positive("num_attention_heads", numAttentionHeads);
    positive("num_hidden_layers", numHiddenLayers);
    positive("image_size", imageSize);
    positive("patch_size", patchSize);
    positive("num_channels", numChannels);
    if (activation == null) {
      throw new IllegalArgumentException("hidden_act is required (quick_gelu for OpenAI CLIP)");
    }
    if (!(layerNormEps > 0)) {
      throw new IllegalArgumentException(
          "layer_norm_eps is " + layerNormEps + " but must be a positive number (CLIP uses 1e-5)");
    }
    if (hiddenSize % numAttentionHeads != 0) {
      throw new IllegalArgumentException(
          "hidden_size " + hiddenSize + " is not divisible by num_attention_heads "
              + numAttentionHeads + ": choose a head count that divides hidden_size");
    }
    if (imageSize % patchSize != 0) {
      throw new IllegalArgumentException(
          "image_size " + imageSize + " is not divisible by patch_size " + patchSize
              + ": the patch grid must tile the image exactly; choose an image_size that is a"
              + " multiple of patch_size");
    }
  }

  /** transformers' defaults (OpenAI CLIP ViT-B/32). */
  public static ClipVisionConfig defaults() {
    return new ClipVisionConfig(768, 3072, 12, 12, 224, 32, 3, Activation.QUICK_GELU, 1e-5f);
  }

  /**
   * Reads a {@code CLIPVisionConfig} JSON, or the {@code vision_config} of a full {@code
   * CLIPConfig} (model_type {@code clip}), as checkpoints such as openai/clip-vit-large-patch14
   * ship.
   */
  public static ClipVisionConfig fromJson(JsonNode json) {
    JsonNode c = json.has("vision_config") ? json.get("vision_config") : json;
    ClipVisionConfig d = defaults();
    String act = c.path("hidden_act").asText("quick_gelu");
    return new ClipVisionConfig(
        c.path("hidden_size").asInt(d.hiddenSize()),
        c.path("intermediate_size").asInt(d.intermediateSize()),
        c.path("num_attention_heads").asInt(d.numAttentionHeads()),
        c.path("num_hidden_layers").asInt(d.numHiddenLayers()),
        c.path("image_size").asInt(d.imageSize()),
        c.path("patch_size").asInt(d.patchSize()),
        c.path("num_channels").asInt(d.numChannels()),
        Activation.fromConfig(act),
        (float) c.path("layer_norm_eps").asDouble(d.layerNormEps()));
  }

  /** Reads {@code config.json}. */
  public static ClipVisionConfig fromFile(Path configJson) throws IOException {
    return fromJson(JSON.readTree(Files.readString(configJson)));
  }

  /** Patches per side of the grid. */
  public int gridSize() {
    return imageSize / patchSize;
  }

  /** Patches per image, N = (S / P)^2. */
  public int numPatches() {
    return gridSize() * gridSize();
  }

  /** Positions, the class token plus the patches: 1 + N. */
  public int numPositions() {
    return numPatches() + 1;
  }

  public int headDim() {
    return hiddenSize / numAttentionHeads;
  }

  private static void positive(String field, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " is " + value + " but must be positive");
    }
  }
}
