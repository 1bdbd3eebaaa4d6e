package io.dreamworker.model.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dreamworker.model.config.ReferenceJson;
import io.dreamworker.model.diffusion.scheduler.PredictionType;
import io.dreamworker.model.dream.DreamConfig;
import java.util.List;
import java.util.Locale;

/**
 * The sizes of the bundles the project generates, written as the reference configs they are.
 * Every preset has DreamLLM's full architecture (CLIP tower, LLaMA with grouped-query attention,
 * dream queries, an SD-2.x-layout UNet with cross-attention on the queries, a KL VAE); only the
 * widths and depths shrink.
 *
 * @param name the preset's name on the command line
 * @param imageSize the CLIP input size and the generated image size
 * @param visionHidden CLIP width
 * @param visionLayers CLIP depth
 * @param patchSize CLIP patch size
 * @param llmHidden LLaMA width
 * @param llmLayers LLaMA depth
 * @param llmHeads attention heads (key/value heads are half of them: grouped-query attention)
 * @param dreamQueries learned dream queries (DreamLLM: 64)
 * @param unetChannels UNet channels per level
 * @param vaeChannels VAE channels per level (image size = latent size × 2^(levels − 1))
 * @param predictionType what the UNet predicts, diffusers' {@code prediction_type}: {@code epsilon}
 *     (SD 2.1-base) or {@code v_prediction} (SD 2.1 at 768)
 */
public record BundlePreset(
    String name,
    int imageSize,
    int visionHidden,
    int visionLayers,
    int patchSize,
    int llmHidden,
    int llmLayers,
    int llmHeads,
    int dreamQueries,
    List<Integer> unetChannels,
    List<Integer> vaeChannels,
    String predictionType) {

  /** The smallest working pipeline: for unit and integration tests (loads and runs in milliseconds). */
  public static final BundlePreset TINY =
      new BundlePreset("tiny", 32, 32, 3, 8, 64, 2, 4, 8, List.of(32, 64), List.of(16, 32, 32), "epsilon");

  /** Large enough that batching pays as it does on real models: for benchmarks. */
  public static final BundlePreset SMALL =
      new BundlePreset("small", 64, 128, 4, 8, 256, 4, 8, 16, List.of(64, 128, 128), List.of(32, 64, 64), "epsilon");

  /**
   * The project's own trained model of the shapes world (issue 5): 64x64 images, a VAE to 16x16x4
   * latents, a CLIP tower of 8x8 patches; small enough to train on a 2-core CPU within an hour and
   * to ship in the repository. Its UNet predicts v (SD 2.1's 768 model does too): the loss then weighs
   * the noisy timesteps where a picture's layout is decided far more than epsilon's does, which is
   * what a model trained from scratch in minutes needs most.
   */
  public static final BundlePreset SHAPES = new BundlePreset("shapes", 64, 64, 3, 8, 128, 2, 4, 8,
      List.of(32, 64, 64), List.of(16, 32, 32), "v_prediction");

  public BundlePreset {
    PredictionType.fromConfig(predictionType);
  }

  /** Every preset, by name. */
  public static final List<BundlePreset> ALL = List.of(TINY, SMALL, SHAPES);

  private static final int GROUPS = 8;

  /** The preset of a name, or an exception listing the names. */
  public static BundlePreset named(String name) {
    return ALL.stream()
        .filter(p -> p.name.equals(name.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown bundle preset '" + name
            + "' (presets: " + ALL.stream().map(BundlePreset::name).toList() + ")"));
  }

  /** The latent size the UNet works at. */
  public int latentSize() {
    return imageSize >> (vaeChannels.size() - 1);
  }

  /** transformers' {@code CLIPImageProcessor} config of this preset. */
  public ObjectNode imageProcessorConfig() {
    ObjectNode c = object();
    c.putObject("size").put("shortest_edge", imageSize);
    c.putObject("crop_size").put("height", imageSize).put("width", imageSize);
    c.put("do_resize", true).put("do_center_crop", true).put("do_rescale", true)
        .put("do_normalize", true).put("do_convert_rgb", true)
        .put("resample", 3).put("rescale_factor", 1 / 255.0)
        .put("image_processor_type", "CLIPImageProcessor");
    var mean = c.putArray("image_mean");
    mean.add(0.48145466).add(0.4578275).add(0.40821073);
    var std = c.putArray("image_std");
    std.add(0.26862954).add(0.26130258).add(0.27577711);
    return c;
  }

  /** transformers' {@code CLIPVisionConfig} of this preset's vision tower. */
  public ObjectNode visionConfig() {
    return object()
        .put("model_type", "clip_vision_model")
        .put("hidden_size", visionHidden)
        .put("intermediate_size", visionHidden * 4)
        .put("num_attention_heads", Math.max(1, visionHidden / 16))
        .put("num_hidden_layers", visionLayers)
        .put("image_size", imageSize)
        .put("patch_size", patchSize)
        .put("num_channels", 3)
        .put("hidden_act", "quick_gelu")
        .put("layer_norm_eps", 1e-5);
  }

  /** transformers' {@code LlamaConfig} of this preset's LLM for a tokenizer of {@code vocabSize}. */
  public ObjectNode llmConfig(int vocabSize) {
    ObjectNode c = object()
        .put("model_type", "llama")
        .put("vocab_size", vocabSize)
        .put("hidden_size", llmHidden)
        .put("intermediate_size", llmHidden * 8 / 3 / 16 * 16)
        .put("num_hidden_layers", llmLayers)
        .put("num_attention_heads", llmHeads)
        .put("num_key_value_heads", llmHeads / 2)
        .put("hidden_act", "silu")
        .put("max_position_embeddings", 4096)
        .put("rms_norm_eps", 1e-6)
        .put("rope_theta", 10000.0)
        .put("tie_word_embeddings", false)
        .put("attention_bias", false)
        .put("bos_token_id", 1)
        .put("eos_token_id", 2);
    return c;
  }

  /** DreamLLM's own parts of this preset. */
  public ObjectNode dreamConfig() {
    return new DreamConfig(dreamQueries, DreamConfig.DEFAULT_VISION_SELECT_LAYER,
        DreamConfig.DEFAULT_VISION_SELECT_FEATURE, visionHidden, llmHidden, conditionDim()).toJson();
  }

  /** The UNet's cross-attention width: the condition the dream queries are projected to. */
  int conditionDim() {
    return unetChannels.get(0);
  }

  ObjectNode unetConfig() {
    ObjectNode c = object().put("_class_name", "UNet2DConditionModel");
    int levels = unetChannels.size();
    var down = c.putArray("down_block_types");
    var up = c.putArray("up_block_types");
    var heads = c.putArray("attention_head_dim");
    for (int i = 0; i < levels; i++) {
      // SD 2.x: cross-attention on every level but the deepest.
      down.add(i < levels - 1 ? "CrossAttnDownBlock2D" : "DownBlock2D");
      up.add(i == 0 ? "UpBlock2D" : "CrossAttnUpBlock2D");
      heads.add(Math.max(1, unetChannels.get(i) / 16));
    }
    var channels = c.putArray("block_out_channels");
    unetChannels.forEach(channels::add);
    c.put("sample_size", latentSize())
        .put("in_channels", 4)
        .put("out_channels", 4)
        .put("layers_per_block", 1)
        .put("cross_attention_dim", conditionDim())
        .put("norm_num_groups", GROUPS)
        .put("use_linear_projection", true)
        .put("mid_block_type", "UNetMidBlock2DCrossAttn")
        .put("act_fn", "silu")
        .put("flip_sin_to_cos", true)
        .put("freq_shift", 0);
    return c;
  }

  /** diffusers' {@code AutoencoderKL} config of this preset's VAE. */
  public ObjectNode vaeConfig() {
    ObjectNode c = object().put("_class_name", "AutoencoderKL");
    var down = c.putArray("down_block_types");
    var up = c.putArray("up_block_types");
    var channels = c.putArray("block_out_channels");
    for (int ch : vaeChannels) {
      down.add("DownEncoderBlock2D");
      up.add("UpDecoderBlock2D");
      channels.add(ch);
    }
    c.put("in_channels", 3)
        .put("out_channels", 3)
        .put("latent_channels", 4)
        .put("layers_per_block", 1)
        .put("norm_num_groups", GROUPS)
        .put("sample_size", imageSize)
        .put("scaling_factor", 0.18215)
        .put("act_fn", "silu");
    return c;
  }

  /** Stable Diffusion 2.1's training schedule with this preset's prediction type; DreamLLM samples with DDPM. */
  ObjectNode schedulerConfig() {
    return object()
        .put("_class_name", "DDPMScheduler")
        .put("num_train_timesteps", 1000)
        .put("beta_start", 0.00085)
        .put("beta_end", 0.012)
        .put("beta_schedule", "scaled_linear")
        .put("prediction_type", predictionType)
        .put("variance_type", "fixed_small")
        .put("clip_sample", false)
        .put("set_alpha_to_one", false)
        .put("steps_offset", 1)
        .put("timestep_spacing", "leading");
  }

  private static ObjectNode object() {
    return ReferenceJson.mapper().createObjectNode();
  }
}
