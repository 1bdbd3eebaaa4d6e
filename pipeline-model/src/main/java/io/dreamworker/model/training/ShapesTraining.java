package io.dreamworker.model.training;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dreamworker.model.bundle.BundleManifest;
import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.model.bundle.ModelBundle;
import io.dreamworker.model.diffusion.scheduler.NoiseSchedule;
import io.dreamworker.model.diffusion.scheduler.NoiseScheduleConfig;
import io.dreamworker.model.diffusion.unet.UNet2DConditionModel;
import io.dreamworker.model.diffusion.unet.UNetConfig;
import io.dreamworker.model.diffusion.vae.VaeConfig;
import io.dreamworker.model.dream.DreamConfig;
import io.dreamworker.model.dream.DreamParts;
import io.dreamworker.model.llm.LlamaConfig;
import io.dreamworker.model.llm.LlamaForCausalLM;
import io.dreamworker.model.runtime.OfflineEngine;
import io.dreamworker.model.shapes.AttributeAccuracy;
import io.dreamworker.model.shapes.Scene;
import io.dreamworker.model.shapes.SceneSampler;
import io.dreamworker.model.text.DreamTokenizer;
import io.dreamworker.model.vision.ClipVisionConfig;
import io.dreamworker.model.vision.ClipVisionModel;
import io.dreamworker.model.vision.preprocess.ClipImageProcessor;
import io.dreamworker.model.vision.preprocess.ClipImageProcessorConfig;
import io.dreamworker.model.vision.preprocess.ImageLimits;
import io.dreamworker.model.weights.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shapes recipe from a seed to a bundle, the stages in order. Built so far: stage 0's VAE, stage
 * I's captioning (CLIP tower, visual projector and LLM) and stage I's denoising (UNet, dream queries
 * and condition projector through the frozen LLM). Stages II (interleaved documents) and III (SFT)
 * are not built yet; the bundle's {@code version} names the trained parts. The figures of each stage are
 * written beside the weights as {@value #REPORT_FILE}.
 */
public final class ShapesTraining {

  /** The report file inside the bundle directory. */
  public static final String REPORT_FILE = "training-report.json";

  /** Seeds of the parts of a run, derived from its one seed so that the parts never share a stream. */
  private static final long VAE_INIT = 11;
  private static final long VAE_DATA = 12;
  private static final long VISION_INIT = 21;
  private static final long DREAM_INIT = 22;
  private static final long LLM_INIT = 23;
  private static final long CAPTION_DATA = 24;
  private static final long UNET_INIT = 31;
  private static final long DENOISE_DATA = 32;
  private static final long HELD_OUT = 99;

  /**
   * @param preset the bundle's sizes
   * @param seed fixes initial weights, training scenes and held-out scenes
   * @param vae stage 0's settings (its {@code dataSeed} is replaced by one derived from {@code seed})
   * @param caption stage I's captioning settings (its {@code dataSeed} likewise)
   * @param denoise stage I's denoising settings (its {@code dataSeed} likewise)
   * @param creationSamples held-out scenes drawn from their captions for the report (0 for none)
   * @param heldOutScenes scenes the evaluation draws; no training stage trains on them
   */
  public record Recipe(BundlePreset preset, long seed, VaeTraining.Config vae, CaptionTraining.Config caption,
      DenoisingTraining.Config denoise, int creationSamples, int heldOutScenes) {
    public Recipe {
      if (preset.imageSize() != Scene.SIZE) {
        throw new IllegalArgumentException("the shapes world draws " + Scene.SIZE + "x" + Scene.SIZE
            + " images but preset '" + preset.name() + "' has imageSize " + preset.imageSize()
            + "; use the 'shapes' preset");
      }
      if (heldOutScenes < 1) {
        throw new IllegalArgumentException("heldOutScenes must be at least 1, got " + heldOutScenes);
      }
      vae = new VaeTraining.Config(vae.steps(), vae.batchSize(), vae.learningRate(), vae.klWeight(),
          seed * 1000 + VAE_DATA);
      caption = new CaptionTraining.Config(caption.steps(), caption.batchSize(), caption.learningRate(),
          seed * 1000 + CAPTION_DATA);
      denoise = new DenoisingTraining.Config(denoise.steps(), denoise.batchSize(), denoise.learningRate(),
          denoise.promptDropout(), seed * 1000 + DENOISE_DATA);
      if (creationSamples < 0 || creationSamples > heldOutScenes) {
        throw new IllegalArgumentException("creationSamples must be in [0, heldOutScenes=" + heldOutScenes
            + "], got " + creationSamples);
      }
    }

    /** The shipped recipe. */
    public static Recipe defaults(long seed) {
      return new Recipe(BundlePreset.SHAPES, seed, VaeTraining.Config.defaults(), CaptionTraining.Config.defaults(),
          DenoisingTraining.Config.defaults(), 50, 300);
    }
  }

  /** What a run produced: the bundle written, each stage's figures and time. */
  public record Result(BundleManifest manifest, VaeTraining.Report vae, Duration vaeTime,
      CaptionEvaluation caption, Duration captionTime, AttributeAccuracy creation, Duration denoiseTime) {}

  private ShapesTraining() {}

  /** Trains every built stage of {@code recipe}, logging each step, and writes the bundle to {@code out}. */
  public static Result run(Recipe recipe, Path out, LossLog log) throws IOException {
    OfflineEngine.configure();
    BundlePreset preset = recipe.preset();
    List<Scene> heldOut = heldOut(recipe);
    String tokenizerJson = ShapesVocabulary.tokenizerJson();
    int vocabulary = ShapesVocabulary.size();
    Files.createDirectories(out);
    Path tokenizerFile = out.resolve("tokenizer.json");
    Files.writeString(tokenizerFile, tokenizerJson);
    Map<String, TrainableParameters> trained = new LinkedHashMap<>();
    BundleManifest manifest;
    VaeTraining.Report vaeReport;
    Duration vaeTime;
    Duration captionTime;
    Duration denoiseTime;
    try (NDManager manager = NDManager.newBaseManager()) {
      VaeConfig vaeConfig = VaeConfig.fromJson(preset.vaeConfig());
      TrainableParameters vaeParameters =
          VaeTraining.initialParameters(vaeConfig, manager, recipe.seed() * 1000 + VAE_INIT);
      VaeTraining vae = new VaeTraining(vaeConfig, vaeParameters, manager);
      long start = System.nanoTime();
      vae.train(recipe.vae(), manager, log);
      vaeTime = Duration.ofNanos(System.nanoTime() - start);
      vaeReport = vae.evaluate(heldOut, manager, 50);
      trained.put("vae", vaeParameters);

      ClipVisionConfig visionConfig = ClipVisionConfig.fromJson(preset.visionConfig());
      DreamConfig dreamConfig = DreamConfig.fromJson(preset.dreamConfig());
      LlamaConfig llmConfig = LlamaConfig.fromJson(preset.llmConfig(vocabulary));
      TrainableParameters visionParameters = TrainableParameters.initialise(manager, recipe.seed() * 1000 + VISION_INIT,
          w -> ClipVisionModel.load(w.child("vision_model"), visionConfig));
      TrainableParameters dreamParameters = TrainableParameters.initialise(manager, recipe.seed() * 1000 + DREAM_INIT,
          w -> DreamParts.load(dreamConfig, w));
      TrainableParameters llmParameters = TrainableParameters.initialise(manager, recipe.seed() * 1000 + LLM_INIT,
          w -> LlamaForCausalLM.load(llmConfig, w));
      try (DreamTokenizer tokenizer = DreamTokenizer.load(tokenizerFile)) {
        CaptionTraining caption = new CaptionTraining(
            ClipVisionModel.load(Weights.of(visionParameters, manager).child("vision_model"), visionConfig),
            DreamParts.load(dreamConfig, Weights.of(dreamParameters, manager)),
            LlamaForCausalLM.load(llmConfig, Weights.of(llmParameters, manager)),
            new ClipImageProcessor(ClipImageProcessorConfig.fromJson(preset.imageProcessorConfig()), ImageLimits.DEFAULT),
            tokenizer, List.of(visionParameters, dreamParameters, llmParameters));
        start = System.nanoTime();
        caption.train(recipe.caption(), new HashSet<>(heldOut), manager, log);
        captionTime = Duration.ofNanos(System.nanoTime() - start);
      }
      trained.put("vision", visionParameters);
      trained.put("dream", dreamParameters);
      trained.put("llm", llmParameters);

      var components = io.dreamworker.model.bundle.RandomBundles.components(preset, vocabulary);
      UNetConfig unetConfig = UNetConfig.fromJson(components.get("unet").config());
      TrainableParameters unetParameters = TrainableParameters.initialise(manager, recipe.seed() * 1000 + UNET_INIT,
          w -> UNet2DConditionModel.load(unetConfig, w));
      try (DreamTokenizer tokenizer = DreamTokenizer.load(tokenizerFile)) {
        DenoisingTraining denoise = new DenoisingTraining(
            LlamaForCausalLM.load(llmConfig, Weights.of(llmParameters, manager)),
            DreamParts.load(dreamConfig, Weights.of(dreamParameters, manager)),
            UNet2DConditionModel.load(unetConfig, Weights.of(unetParameters, manager)), vae.model(),
            1 / vaeReport.latentStd(),
            NoiseSchedule.of(NoiseScheduleConfig.fromJson(components.get("scheduler").config())),
            tokenizer, llmParameters, List.of(unetParameters, dreamParameters));
        start = System.nanoTime();
        denoise.train(recipe.denoise(), new HashSet<>(heldOut), manager, log);
        denoiseTime = Duration.ofNanos(System.nanoTime() - start);
      }
      trained.put("unet", unetParameters);
      manifest = TrainedBundleWriter.write(out, preset, recipe.seed(), tokenizerJson, vocabulary, trained,
          1 / vaeReport.latentStd(), Map.of("stages", String.join(",", trained.keySet())));
    }
    ShapesEvaluation.Report figures;
    try (ModelBundle bundle = ModelBundle.load(out)) {
      figures = ShapesEvaluation.run(bundle, new ShapesEvaluation.Config(recipe.seed(), recipe.heldOutScenes(),
          recipe.creationSamples(), 0, ShapesEvaluation.Config.defaults(recipe.seed()).image()), null);
    }
    Result result = new Result(manifest, vaeReport, vaeTime, figures.comprehension(), captionTime, figures.creation(),
        denoiseTime);
    writeReport(out.resolve(REPORT_FILE), recipe, result);
    return result;
  }

  /** The held-out scenes of a recipe: distinct scenes from a sampler stream no training stage reads. */
  public static List<Scene> heldOut(Recipe recipe) {
    return heldOut(recipe.seed(), recipe.heldOutScenes());
  }

  /**
   * The first {@code count} held-out scenes of a run with {@code seed}; a prefix of a longer list, so
   * an evaluation of up to the recipe's {@link Recipe#heldOutScenes()} reads only unseen scenes.
   */
  public static List<Scene> heldOut(long seed, int count) {
    SceneSampler sampler = new SceneSampler(seed * 1000 + HELD_OUT);
    java.util.LinkedHashSet<Scene> scenes = new java.util.LinkedHashSet<>();
    while (scenes.size() < count) {
      scenes.add(sampler.next());
    }
    return new ArrayList<>(scenes);
  }

  private static void writeReport(Path file, Recipe recipe, Result r) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("preset", recipe.preset().name()).put("seed", recipe.seed()).put("held_out_scenes", recipe.heldOutScenes());
    root.put("caption_exact", r.caption().exact());
    ObjectNode v = root.putObject("vae");
    v.put("steps", recipe.vae().steps()).put("batch_size", recipe.vae().batchSize())
        .put("learning_rate", recipe.vae().learningRate()).put("kl_weight", recipe.vae().klWeight())
        .put("seconds", r.vaeTime().toMillis() / 1000.0)
        .put("reconstruction_mse", r.vae().mse()).put("latent_std", r.vae().latentStd())
        .put("scaling_factor", 1 / r.vae().latentStd());
    accuracy(v.putObject("judge_on_reconstructions"), r.vae().judged());
    ObjectNode c = root.putObject("caption");
    c.put("steps", recipe.caption().steps()).put("batch_size", recipe.caption().batchSize())
        .put("learning_rate", recipe.caption().learningRate()).put("seconds", r.captionTime().toMillis() / 1000.0)
        .put("exact", r.caption().exact());
    accuracy(c.putObject("attributes"), r.caption().attributes());
    ObjectNode d = root.putObject("denoise");
    d.put("steps", recipe.denoise().steps()).put("batch_size", recipe.denoise().batchSize())
        .put("learning_rate", recipe.denoise().learningRate()).put("prompt_dropout", recipe.denoise().promptDropout())
        .put("seconds", r.denoiseTime().toMillis() / 1000.0).put("creation_samples", recipe.creationSamples());
    accuracy(d.putObject("creation"), r.creation());
    root.put("creation_all", r.creation().all());
    json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
  }

  static void accuracy(ObjectNode node, AttributeAccuracy a) {
    node.put("scenes", a.scenes()).put("all", a.all()).put("shape", a.shape()).put("color", a.color())
        .put("size", a.size()).put("position", a.position()).put("background", a.background());
  }
}
