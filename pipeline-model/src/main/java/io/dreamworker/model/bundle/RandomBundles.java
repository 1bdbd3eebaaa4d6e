package io.dreamworker.model.bundle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dreamworker.model.diffusion.unet.UNet2DConditionModel;
import io.dreamworker.model.diffusion.unet.UNetConfig;
import io.dreamworker.model.diffusion.vae.AutoencoderKL;
import io.dreamworker.model.diffusion.vae.VaeConfig;
import io.dreamworker.model.dream.DreamConfig;
import io.dreamworker.model.dream.DreamParts;
import io.dreamworker.model.llm.LlamaConfig;
import io.dreamworker.model.llm.LlamaForCausalLM;
import io.dreamworker.model.runtime.OfflineEngine;
import io.dreamworker.model.vision.ClipVisionConfig;
import io.dreamworker.model.vision.ClipVisionModel;
import io.dreamworker.model.weights.RandomInitSource;
import io.dreamworker.model.weights.SafetensorsWriter;
import io.dreamworker.model.weights.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes seeded random bundles of a {@link BundlePreset}. Each component is built by its own
 * loader over a {@link RandomInitSource}, which invents every tensor the loader asks for; the
 * tensors are then written under the component's prefix. So a generated bundle has exactly the
 * names and shapes that {@link ModelBundle#load} expects, and the same seed gives the same bytes.
 */
public final class RandomBundles {
  private RandomBundles() {}

  /**
   * Writes a bundle into {@code dir} (created if needed; existing bundle files are replaced).
   *
   * @return the manifest written
   */
  public static BundleManifest write(Path dir, BundlePreset preset, long seed) throws IOException {
    OfflineEngine.configure();
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("tokenizer.json"), TinyTokenizer.json(List.of()));
    Map<String, ComponentSpec> configs = components(preset, TinyTokenizer.baseVocabularySize());
    try (NDManager manager = NDManager.newBaseManager()) {
      SafetensorsWriter.write(dir.resolve("model.safetensors"), invent(configs, seed, manager),
          Map.of("format", "pt", "generator", "dreamworker RandomBundles", "seed", Long.toString(seed)));
    }
    BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION,
        "random-" + preset.name(), "seed-" + seed, "tokenizer.json", List.of("model.safetensors"), configs);
    manifest.write(dir);
    return manifest;
  }

  /**
   * Every component of a {@code preset} bundle by role, as {@code bundle.json} declares it.
   *
   * @param vocabularySize the tokenizer's vocabulary size (the LLM's {@code vocab_size})
   */
  public static Map<String, ComponentSpec> components(BundlePreset preset, int vocabularySize) {
    var configs = new LinkedHashMap<String, ComponentSpec>();
    configs.put("image_processor", new ComponentSpec("clip_image_processor", "", preset.imageProcessorConfig()));
    configs.put("vision", new ComponentSpec("clip_vision_model", "vision.", preset.visionConfig()));
    configs.put("llm", new ComponentSpec("llama_causal_lm", "llm.", preset.llmConfig(vocabularySize)));
    configs.put("dream", new ComponentSpec("dreamllm", "dream.", preset.dreamConfig()));
    configs.put("unet", new ComponentSpec("unet_2d_condition", "unet.", preset.unetConfig()));
    configs.put("vae", new ComponentSpec("autoencoder_kl", "vae.", preset.vaeConfig()));
    configs.put("scheduler", new ComponentSpec("scheduler_ddpm", "", preset.schedulerConfig()));
    return configs;
  }

  /**
   * Seeded random tensors of every weighted component of {@code configs}, by full (prefixed) name,
   * in {@code manager}: what {@link #write} stores.
   */
  public static Map<String, NDArray> invent(Map<String, ComponentSpec> configs, long seed, NDManager manager) {
    Map<String, NDArray> tensors = new LinkedHashMap<>();
    invent(tensors, "vision.", seed, 1, manager, w -> ClipVisionModel.load(w.child("vision_model"),
        ClipVisionConfig.fromJson(configs.get("vision").config())));
    invent(tensors, "llm.", seed, 2, manager, w -> LlamaForCausalLM.load(
        LlamaConfig.fromJson(configs.get("llm").config()), w));
    invent(tensors, "dream.", seed, 3, manager, w -> DreamParts.load(
        DreamConfig.fromJson(configs.get("dream").config()), w));
    invent(tensors, "unet.", seed, 4, manager, w -> UNet2DConditionModel.load(
        UNetConfig.fromJson(configs.get("unet").config()), w));
    invent(tensors, "vae.", seed, 5, manager, w -> AutoencoderKL.load(
        VaeConfig.fromJson(configs.get("vae").config()), w));
    return tensors;
  }

  private static void invent(Map<String, NDArray> into, String prefix, long seed, int component,
      NDManager manager, Consumer<Weights> loader) {
    RandomInitSource source = new RandomInitSource(seed * 31 + component, 1f);
    loader.accept(Weights.of(source, manager));
    source.created().forEach((name, array) -> into.put(prefix + name, array));
  }
}
