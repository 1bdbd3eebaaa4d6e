package io.dreamworker.model.bundle;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.dreamworker.model.diffusion.scheduler.Scheduler;
import io.dreamworker.model.diffusion.scheduler.Schedulers;
import io.dreamworker.model.diffusion.unet.UNet2DConditionModel;
import io.dreamworker.model.diffusion.unet.UNetConfig;
import io.dreamworker.model.diffusion.vae.AutoencoderKL;
import io.dreamworker.model.diffusion.vae.VaeConfig;
import io.dreamworker.model.dream.DreamConfig;
import io.dreamworker.model.dream.DreamParts;
import io.dreamworker.model.generation.SchedulerFamily;
import io.dreamworker.model.llm.LlamaConfig;
import io.dreamworker.model.llm.LlamaForCausalLM;
import io.dreamworker.model.runtime.OfflineEngine;
import io.dreamworker.model.text.DreamTokenizer;
import io.dreamworker.model.text.SpecialTokens;
import io.dreamworker.model.vision.ClipVisionConfig;
import io.dreamworker.model.vision.ClipVisionModel;
import io.dreamworker.model.vision.preprocess.ClipImageProcessor;
import io.dreamworker.model.vision.preprocess.ClipImageProcessorConfig;
import io.dreamworker.model.vision.preprocess.ImageLimits;
import io.dreamworker.model.weights.SafetensorsSource;
import io.dreamworker.model.weights.Weights;
import io.dreamworker.model.weights.WeightsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loaded model bundle: every DreamLLM component, built from {@code bundle.json} and the bundle's
 * safetensors files, checked against each other (the widths that must agree between components)
 * and against the tokenizer (DreamLLM's special tokens).
 *
 * <p>The weights live in this bundle's {@link NDManager} (F32 tensors memory-mapped from the
 * files); closing the bundle frees them and closes the files.
 */
public final class ModelBundle implements AutoCloseable {

  /** The special tokens the DreamLLM pipeline cannot work without. */
  public static final List<String> REQUIRED_TOKENS = List.of(
      SpecialTokens.BOS, SpecialTokens.EOS, SpecialTokens.IM_START, SpecialTokens.IM_END,
      SpecialTokens.DREAM, SpecialTokens.DREAM_START, SpecialTokens.DREAM_END);

  private final Path dir;
  private final BundleManifest manifest;
  private final NDManager manager;
  private final SafetensorsSource weights;
  private final DreamTokenizer tokenizer;
  private final ClipImageProcessor imageProcessor;
  private final ClipVisionModel vision;
  private final LlamaForCausalLM llm;
  private final DreamParts dream;
  private final UNet2DConditionModel unet;
  private final AutoencoderKL vae;
  private final Scheduler scheduler;
  private final Map<SchedulerFamily, Scheduler> schedulers;
  private final Set<String> unusedTensors;

  private ModelBundle(Path dir, BundleManifest manifest, NDManager manager, SafetensorsSource weights,
      DreamTokenizer tokenizer, ClipImageProcessor imageProcessor, ClipVisionModel vision,
      LlamaForCausalLM llm, DreamParts dream, UNet2DConditionModel unet, AutoencoderKL vae,
      Scheduler scheduler, Set<String> unusedTensors) {
    this.dir = dir;
    this.manifest = manifest;
    this.manager = manager;
    this.weights = weights;
    this.tokenizer = tokenizer;
    this.imageProcessor = imageProcessor;
    this.vision = vision;
    this.llm = llm;
    this.dream = dream;
    this.unet = unet;
    this.vae = vae;
    this.scheduler = scheduler;
    this.schedulers = SchedulerFamilies.forBundle(manifest.component("scheduler").config(), scheduler);
    this.unusedTensors = unusedTensors;
  }

  /** Loads a bundle onto the CPU with the default image limits. */
  public static ModelBundle load(Path dir) {
    return load(dir, Device.cpu(), ImageLimits.DEFAULT);
  }

  /**
   * Loads a bundle.
   *
   * @param device where the weights and every computation of this bundle live
   * @param imageLimits the limits on input images, checked before pixels are decoded
   * @throws BundleException naming the bundle, the component and the key, file or tensor when the
   *     bundle cannot be used
   */
  public static ModelBundle load(Path dir, Device device, ImageLimits imageLimits) {
    OfflineEngine.configure();
    BundleManifest manifest = BundleManifest.read(dir);
    if (!manifest.missingRoles().isEmpty()) {
      throw new BundleException(dir + ": bundle '" + manifest.name() + "' lacks the components "
          + manifest.missingRoles() + " (a DreamLLM bundle has " + BundleManifest.ROLES + ")");
    }
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      List<Path> files = manifest.weights().stream().map(dir::resolve).toList();
      for (Path f : files) {
        if (!Files.isRegularFile(f)) {
          throw new BundleException(dir + ": weights file " + f.getFileName() + " named in bundle.json does not exist");
        }
      }
      SafetensorsSource source = SafetensorsSource.open(files);
      opened.add(source);
      NDManager manager = NDManager.newBaseManager(device);
      opened.add(manager);
      DreamTokenizer tokenizer = DreamTokenizer.load(dir.resolve(manifest.tokenizer()));
      opened.add(tokenizer);
      for (String token : REQUIRED_TOKENS) {
        if (tokenizer.specialTokens().find(token).isEmpty()) {
          throw new BundleException(dir + ": the tokenizer " + manifest.tokenizer()
              + " has no " + token + " token, which the DreamLLM pipeline needs (required: " + REQUIRED_TOKENS + ")");
        }
      }
      Weights root = Weights.of(source, manager);

      ClipImageProcessorConfig processorConfig =
          component(manifest, "image_processor", ClipImageProcessorConfig::fromJson);
      ClipVisionConfig visionConfig = component(manifest, "vision", ClipVisionConfig::fromJson);
      LlamaConfig llmConfig = component(manifest, "llm", LlamaConfig::fromJson);
      DreamConfig dreamConfig = component(manifest, "dream", DreamConfig::fromJson);
      UNetConfig unetConfig = component(manifest, "unet", UNetConfig::fromJson);
      VaeConfig vaeConfig = component(manifest, "vae", VaeConfig::fromJson);
      Scheduler scheduler = component(manifest, "scheduler", Schedulers::fromJson);
      BundleConsistency.check(dir, tokenizer, processorConfig, visionConfig, llmConfig, dreamConfig,
          unetConfig, vaeConfig);

      ClipVisionModel vision = load(manifest, "vision",
          () -> ClipVisionModel.load(ClipVisionModel.moduleRoot(root.withPrefix(manifest.component("vision").prefix())), visionConfig));
      LlamaForCausalLM llm = load(manifest, "llm",
          () -> LlamaForCausalLM.load(llmConfig, root.withPrefix(manifest.component("llm").prefix())));
      DreamParts dream = load(manifest, "dream",
          () -> DreamParts.load(dreamConfig, root.withPrefix(manifest.component("dream").prefix())));
      UNet2DConditionModel unet = load(manifest, "unet",
          () -> UNet2DConditionModel.load(unetConfig, root.withPrefix(manifest.component("unet").prefix())));
      AutoencoderKL vae = load(manifest, "vae",
          () -> AutoencoderKL.load(vaeConfig, root.withPrefix(manifest.component("vae").prefix())));
      return new ModelBundle(dir, manifest, manager, source, tokenizer,
          new ClipImageProcessor(processorConfig, imageLimits), vision, llm, dream, unet, vae, scheduler,
          root.unused());
    } catch (IOException e) {
      closeAll(opened, e);
      throw new BundleException(dir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeAll(opened, e);
      throw e;
    }
  }

  private static <T> T component(BundleManifest manifest, String role,
      java.util.function.Function<com.fasterxml.jackson.databind.JsonNode, T> parse) {
    try {
      return parse.apply(manifest.component(role).config());
    } catch (IllegalArgumentException e) {
      throw new BundleException("bundle '" + manifest.name() + "', component '" + role + "' ("
          + manifest.component(role).kind() + "): " + e.getMessage(), e);
    }
  }

  private static <T> T load(BundleManifest manifest, String role, java.util.function.Supplier<T> loader) {
    try {
      return loader.get();
    } catch (WeightsException e) {
      throw new BundleException("bundle '" + manifest.name() + "', component '" + role + "': "
          + e.getMessage(), e);
    }
  }

  private static void closeAll(List<AutoCloseable> opened, Exception cause) {
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception suppressed) {
        cause.addSuppressed(suppressed);
      }
    }
  }

  public Path directory() {
    return dir;
  }

  public BundleManifest manifest() {
    return manifest;
  }

  /** The manager the weights live in; per-request arrays belong in sub-managers of it. */
  public NDManager manager() {
    return manager;
  }

  public DreamTokenizer tokenizer() {
    return tokenizer;
  }

  public ClipImageProcessor imageProcessor() {
    return imageProcessor;
  }

  public ClipVisionModel vision() {
    return vision;
  }

  public LlamaForCausalLM llm() {
    return llm;
  }

  public DreamParts dream() {
    return dream;
  }

  public UNet2DConditionModel unet() {
    return unet;
  }

  public AutoencoderKL vae() {
    return vae;
  }

  /** The bundle's default scheduler (requests may choose another family). */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** A request's sampler, on the bundle's noise schedule ({@code DEFAULT}: the bundle's own). */
  public Scheduler scheduler(SchedulerFamily family) {
    return schedulers.get(family);
  }

  /** Tensors of the files that no component loaded (empty for a well-made bundle). */
  public Set<String> unusedTensors() {
    return unusedTensors;
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    try {
      tokenizer.close();
    } catch (RuntimeException e) {
      failure = e;
    }
    manager.close();
    try {
      weights.close();
    } catch (IOException e) {
      if (failure == null) {
        failure = new BundleException(dir + ": closing the weights failed: " + e.getMessage(), e);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "ModelBundle[" + manifest.name() + " " + manifest.version() + ", " + dir + "]";
  }
}
