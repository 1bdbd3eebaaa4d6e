package io.dreamworker.model.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dreamworker.model.bundle.BundleManifest;
import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.model.bundle.ComponentSpec;
import io.dreamworker.model.bundle.ModelBundle;
import io.dreamworker.model.bundle.RandomBundles;
import io.dreamworker.model.diffusion.scheduler.NoiseSchedule;
import io.dreamworker.model.diffusion.scheduler.NoiseScheduleConfig;
import io.dreamworker.model.diffusion.scheduler.PredictionType;
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
import io.dreamworker.model.weights.SafetensorsSource;
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
import java.util.Set;

/**
 * The shapes recipe from a seed to a bundle, DreamLLM's stages in order:
 *
 * <ol>
 *   <li>stage 0 ({@link VaeTraining}): the VAE, which DreamLLM takes pretrained from Stable Diffusion;</li>
 *   <li>stage I, comprehension ({@link CaptionTraining}): the CLIP tower, the visual projector and the LLM
 *       on captioning (DreamLLM freezes a pretrained CLIP and LLM here; none exist for this domain);</li>
 *   <li>stage I, binding ({@link ConditionDistillation}): the LLM, the dream queries and the condition
 *       projector learn to give a {@link SceneCode}, one bound token per shape, with the captioning loss
 *       beside it; DreamLLM has no such step, because its frozen UNet comes pretrained on such tokens;</li>
 *   <li>stage I, creation ({@link DenoisingTraining}): the UNet on the denoising loss through the frozen
 *       LLM and the frozen queries, learning to read the bound tokens they give;</li>
 *   <li>stage II, I-GPT ({@link MixedTraining} on {@link MixedTraining.Mix#interleaved()}): everything but
 *       the VAE on interleaved story documents, text loss plus denoising at every {@code <dream>}, and the
 *       scene code's squared error there, which keeps the binding while the LLM moves;</li>
 *   <li>stage III, SFT ({@link MixedTraining} on {@link MixedTraining.Mix#instructions()}): the
 *       instruction formats the worker serves;</li>
 *   <li>realignment ({@link DenoisingTraining} again, {@link DenoisingTraining.Config#realign()}): stage I's
 *       denoising loss with the LLM frozen as stage III left it. DreamLLM has no such pass: its UNet is
 *       pretrained and frozen, so only the queries follow the LLM. Here the UNet is trained from scratch
 *       against stage I's LLM, and stages II and III move that LLM.</li>
 * </ol>
 *
 * <p>A run may start from an earlier run's bundle ({@code from}) and skip stages (0 steps), so stages can
 * be tuned one at a time; a stage's data seed is derived from the run's seed alone, so a run in parts
 * draws the same scenes as a run in one go. The figures of each stage are written beside the weights as
 * {@value #REPORT_FILE}.
 */
public final class ShapesTraining {

  /** The report file inside the bundle directory. */
  public static final String REPORT_FILE = "training-report.json";

  /** The components a run trains, by bundle role. */
  static final List<String> TRAINED_ROLES = List.of("vae", "vision", "dream", "llm", "unet");

  /** Seeds of the parts of a run, derived from its one seed so that the parts never share a stream. */
  private static final long VAE_INIT = 11;
  private static final long VAE_DATA = 12;
  private static final long VISION_INIT = 21;
  private static final long DREAM_INIT = 22;
  private static final long LLM_INIT = 23;
  private static final long CAPTION_DATA = 24;
  private static final long SCENE_CODE = 25;
  private static final long DISTILL_DATA = 26;
  private static final long UNET_INIT = 31;
  private static final long DENOISE_DATA = 32;
  private static final long INTERLEAVED_DATA = 41;
  private static final long INSTRUCTIONS_DATA = 51;
  private static final long REALIGN_DATA = 61;
  private static final long HELD_OUT = 99;

  /**
   * @param preset the bundle's sizes
   * @param seed fixes initial weights, training scenes and held-out scenes
   * @param vae stage 0's settings (its {@code dataSeed} is replaced by one derived from {@code seed})
   * @param caption stage I's captioning settings (its {@code dataSeed} likewise)
   * @param distill stage I's binding settings (its {@code dataSeed} likewise)
   * @param denoise stage I's denoising settings (its {@code dataSeed} likewise)
   * @param interleaved stage II's settings (its {@code dataSeed} likewise)
   * @param instructions stage III's settings (its {@code dataSeed} likewise)
   * @param realign the closing denoising pass's settings (its {@code dataSeed} likewise)
   * @param creationSamples held-out scenes drawn from their captions for the report (0 for none)
   * @param heldOutScenes scenes the evaluation draws; no training stage trains on them
   */
  public record Recipe(BundlePreset preset, long seed, VaeTraining.Config vae, CaptionTraining.Config caption,
      ConditionDistillation.Config distill, DenoisingTraining.Config denoise, MixedTraining.Config interleaved,
      MixedTraining.Config instructions, DenoisingTraining.Config realign, int creationSamples, int heldOutScenes) {
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
      distill = distill.withDataSeed(seed * 1000 + DISTILL_DATA);
      denoise = denoise.withDataSeed(seed * 1000 + DENOISE_DATA);
      realign = realign.withDataSeed(seed * 1000 + REALIGN_DATA);
      interleaved = interleaved.withDataSeed(seed * 1000 + INTERLEAVED_DATA);
      instructions = instructions.withDataSeed(seed * 1000 + INSTRUCTIONS_DATA);
      if (creationSamples < 0 || creationSamples > heldOutScenes) {
        throw new IllegalArgumentException("creationSamples must be in [0, heldOutScenes=" + heldOutScenes
            + "], got " + creationSamples);
      }
    }

    /** The shipped recipe. */
    public static Recipe defaults(long seed) {
      return new Recipe(BundlePreset.SHAPES, seed, VaeTraining.Config.defaults(), CaptionTraining.Config.defaults(),
          ConditionDistillation.Config.defaults(), DenoisingTraining.Config.defaults(),
          MixedTraining.Config.interleaved(), MixedTraining.Config.instructions(), DenoisingTraining.Config.realign(),
          50, 300);
    }
  }

  /** A stage that ran: its name, steps and time. */
  public record StageTime(String stage, int steps, Duration time) {}

  /**
   * What a run produced: the bundle written, the stages run and the figures on held-out scenes.
   *
   * @param codeDecoded the fraction of held-out captions whose queries decode to their scene after the binding
   *     stage ({@link ConditionDistillation#decodedFraction}); NaN if the stage did not run
   */
  public record Result(BundleManifest manifest, List<StageTime> stages, VaeTraining.Report vae, double codeDecoded,
      ShapesEvaluation.Report figures) {}

  private ShapesTraining() {}

  /**
   * Trains the stages of {@code recipe} with steps, logging each step, and writes the bundle to {@code out}.
   *
   * @param from a bundle of an earlier run to start from (its trained weights and VAE scaling factor), or
   *     {@code null} to start from the seed's initial weights
   */
  public static Result run(Recipe recipe, Path from, Path out, LossLog log) throws IOException {
    OfflineEngine.configure();
    BundlePreset preset = recipe.preset();
    List<Scene> heldOut = heldOut(recipe);
    Set<Scene> unseen = new HashSet<>(heldOut);
    String tokenizerJson = ShapesVocabulary.tokenizerJson();
    int vocabulary = ShapesVocabulary.size();
    Files.createDirectories(out);
    Path tokenizerFile = out.resolve("tokenizer.json");
    Files.writeString(tokenizerFile, tokenizerJson);
    Map<String, ComponentSpec> components = RandomBundles.components(preset, vocabulary);
    List<StageTime> stages = new ArrayList<>();
    BundleManifest manifest;
    VaeTraining.Report vaeReport;
    double codeDecoded = Double.NaN;
    try (NDManager manager = NDManager.newBaseManager()) {
      BundleManifest fromManifest = from == null ? null : BundleManifest.read(from);
      Map<String, TrainableParameters> p = fromManifest == null
          ? initial(recipe, components, manager) : fromBundle(from, fromManifest, preset, tokenizerJson, manager);
      VaeConfig vaeConfig = VaeConfig.fromJson(components.get("vae").config());
      VaeTraining vae = new VaeTraining(vaeConfig, p.get("vae"), manager);
      double scalingFactor = fromManifest == null ? Double.NaN
          : fromManifest.component("vae").config().path("scaling_factor").asDouble();
      if (recipe.vae().steps() > 0) {
        long start = System.nanoTime();
        vae.train(recipe.vae(), manager, log);
        stages.add(new StageTime(VaeTraining.STAGE, recipe.vae().steps(), since(start)));
        scalingFactor = Double.NaN;
      }
      vaeReport = vae.evaluate(heldOut, manager, 50);
      if (Double.isNaN(scalingFactor)) {
        scalingFactor = 1 / vaeReport.latentStd();
      }

      ClipVisionConfig visionConfig = ClipVisionConfig.fromJson(components.get("vision").config());
      DreamConfig dreamConfig = DreamConfig.fromJson(components.get("dream").config());
      LlamaConfig llmConfig = LlamaConfig.fromJson(components.get("llm").config());
      UNetConfig unetConfig = UNetConfig.fromJson(components.get("unet").config());
      JsonNode schedulerConfig = components.get("scheduler").config();
      ClipImageProcessor processor = new ClipImageProcessor(
          ClipImageProcessorConfig.fromJson(components.get("image_processor").config()), ImageLimits.DEFAULT);
      DiffusionTargets targets = new DiffusionTargets(vae.model(), scalingFactor,
          NoiseSchedule.of(NoiseScheduleConfig.fromJson(schedulerConfig)),
          PredictionType.fromConfig(schedulerConfig.path("prediction_type").asText("epsilon")));
      SceneCode code = SceneCode.random(recipe.seed() * 1000 + SCENE_CODE, Math.toIntExact(dreamConfig.conditionDim()),
          dreamConfig.numDreamQueries());
      try (DreamTokenizer tokenizer = DreamTokenizer.load(tokenizerFile)) {
        if (recipe.caption().steps() > 0) {
          CaptionTraining caption = new CaptionTraining(
              ClipVisionModel.load(Weights.of(p.get("vision"), manager).child("vision_model"), visionConfig),
              DreamParts.load(dreamConfig, Weights.of(p.get("dream"), manager)),
              LlamaForCausalLM.load(llmConfig, Weights.of(p.get("llm"), manager)), processor, tokenizer,
              List.of(p.get("vision"), p.get("dream"), p.get("llm")));
          long start = System.nanoTime();
          caption.train(recipe.caption(), unseen, manager, log);
          stages.add(new StageTime(CaptionTraining.STAGE, recipe.caption().steps(), since(start)));
        }
        if (recipe.distill().steps() > 0) {
          LlamaForCausalLM llm = LlamaForCausalLM.load(llmConfig, Weights.of(p.get("llm"), manager));
          DreamParts dream = DreamParts.load(dreamConfig, Weights.of(p.get("dream"), manager));
          List<TrainableParameters> trained = List.of(p.get("vision"), p.get("dream"), p.get("llm"));
          ConditionDistillation distill = new ConditionDistillation(new QueryConditions(llm, dream, tokenizer), code,
              new CaptionTraining(
                  ClipVisionModel.load(Weights.of(p.get("vision"), manager).child("vision_model"), visionConfig),
                  dream, llm, processor, tokenizer, trained), trained);
          long start = System.nanoTime();
          distill.train(recipe.distill(), unseen, manager, log);
          stages.add(new StageTime(ConditionDistillation.STAGE, recipe.distill().steps(), since(start)));
          codeDecoded = distill.decodedFraction(heldOut.subList(0, Math.min(100, heldOut.size())), manager);
        }
        denoise(recipe.denoise(), p, llmConfig, dreamConfig, unetConfig, targets, tokenizer, unseen, manager, log,
            stages);
        for (MixedTraining.Config stage : List.of(recipe.interleaved(), recipe.instructions())) {
          if (stage.steps() == 0) {
            continue;
          }
          MixedTraining mixed = new MixedTraining(
              ClipVisionModel.load(Weights.of(p.get("vision"), manager).child("vision_model"), visionConfig),
              DreamParts.load(dreamConfig, Weights.of(p.get("dream"), manager)),
              LlamaForCausalLM.load(llmConfig, Weights.of(p.get("llm"), manager)),
              UNet2DConditionModel.load(unetConfig, Weights.of(p.get("unet"), manager)), processor, tokenizer,
              targets, code, List.of(p.get("vision"), p.get("dream"), p.get("llm"), p.get("unet")));
          long start = System.nanoTime();
          mixed.train(stage, unseen, manager, log);
          stages.add(new StageTime(stage.stage(), stage.steps(), since(start)));
        }
        denoise(recipe.realign(), p, llmConfig, dreamConfig, unetConfig, targets, tokenizer, unseen, manager, log,
            stages);
      }
      List<String> names = new ArrayList<>();
      stages.forEach(s -> names.add(s.stage() + ":" + s.steps()));
      manifest = TrainedBundleWriter.write(out, preset, recipe.seed(), tokenizerJson, vocabulary, p, scalingFactor,
          Map.of("stages", String.join(",", names), "from", from == null ? "" : from.toString()));
    }
    ShapesEvaluation.Report figures;
    try (ModelBundle bundle = ModelBundle.load(out)) {
      figures = ShapesEvaluation.run(bundle, new ShapesEvaluation.Config(recipe.seed(),
          Math.min(100, recipe.heldOutScenes()), recipe.creationSamples(), 0,
          ShapesEvaluation.Config.defaults(recipe.seed()).image()), null);
    }
    Result result = new Result(manifest, stages, vaeReport, codeDecoded, figures);
    writeReport(out.resolve(REPORT_FILE), recipe, from, result);
    return result;
  }

  /**
   * Runs a denoising pass with the LLM frozen (stage I's, or the closing realignment), if it has steps; the dream
   * parts train only if the pass says so ({@link DenoisingTraining.Config#trainQueries()}).
   */
  private static void denoise(DenoisingTraining.Config c, Map<String, TrainableParameters> p, LlamaConfig llmConfig,
      DreamConfig dreamConfig, UNetConfig unetConfig, DiffusionTargets targets, DreamTokenizer tokenizer,
      Set<Scene> unseen, NDManager manager, LossLog log, List<StageTime> stages) {
    if (c.steps() == 0) {
      return;
    }
    DenoisingTraining denoise = new DenoisingTraining(
        LlamaForCausalLM.load(llmConfig, Weights.of(p.get("llm"), manager)),
        DreamParts.load(dreamConfig, Weights.of(p.get("dream"), manager)),
        UNet2DConditionModel.load(unetConfig, Weights.of(p.get("unet"), manager)), targets, tokenizer,
        p.get("llm"), p.get("dream"), p.get("unet"));
    long start = System.nanoTime();
    denoise.train(c, unseen, manager, log);
    stages.add(new StageTime(c.stage(), c.steps(), since(start)));
  }

  /** Every trained component's initial weights, from the recipe's seed. */
  private static Map<String, TrainableParameters> initial(Recipe recipe, Map<String, ComponentSpec> components,
      NDManager manager) {
    long seed = recipe.seed() * 1000;
    VaeConfig vae = VaeConfig.fromJson(components.get("vae").config());
    ClipVisionConfig vision = ClipVisionConfig.fromJson(components.get("vision").config());
    DreamConfig dream = DreamConfig.fromJson(components.get("dream").config());
    LlamaConfig llm = LlamaConfig.fromJson(components.get("llm").config());
    UNetConfig unet = UNetConfig.fromJson(components.get("unet").config());
    Map<String, TrainableParameters> p = new LinkedHashMap<>();
    p.put("vae", VaeTraining.initialParameters(vae, manager, seed + VAE_INIT));
    p.put("vision", TrainableParameters.initialise(manager, seed + VISION_INIT,
        w -> ClipVisionModel.load(w.child("vision_model"), vision)));
    p.put("dream", TrainableParameters.initialise(manager, seed + DREAM_INIT, w -> DreamParts.load(dream, w)));
    p.put("llm", TrainableParameters.initialise(manager, seed + LLM_INIT, w -> LlamaForCausalLM.load(llm, w)));
    p.put("unet", TrainableParameters.initialise(manager, seed + UNET_INIT,
        w -> UNet2DConditionModel.load(unet, w)));
    return p;
  }

  /**
   * The trained components of an earlier run's bundle ({@code dir}, whose {@code manifest} is given), as
   * trainable copies.
   *
   * @throws IllegalArgumentException if the bundle is of another preset or tokenizer
   */
  static Map<String, TrainableParameters> fromBundle(Path dir, BundleManifest manifest, BundlePreset preset,
      String tokenizerJson, NDManager manager) throws IOException {
    JsonNode unet = manifest.component("unet").config();
    if (unet.path("sample_size").asInt() != preset.latentSize()
        || !Files.readString(dir.resolve(manifest.tokenizer())).equals(tokenizerJson)) {
      throw new IllegalArgumentException(dir + " is not a '" + preset.name() + "' bundle of this vocabulary:"
          + " start from a bundle that `train shapes` wrote");
    }
    List<Path> files = manifest.weights().stream().map(dir::resolve).toList();
    Map<String, TrainableParameters> p = new LinkedHashMap<>();
    try (SafetensorsSource source = SafetensorsSource.open(files); NDManager scratch = manager.newSubManager()) {
      for (String role : TRAINED_ROLES) {
        String prefix = manifest.component(role).prefix();
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (String name : source.names()) {
          if (name.startsWith(prefix)) {
            arrays.put(name.substring(prefix.length()), source.load(name, scratch));
          }
        }
        p.put(role, TrainableParameters.copyOf(manager, arrays));
      }
    }
    return p;
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
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

  private static void writeReport(Path file, Recipe recipe, Path from, Result r) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("preset", recipe.preset().name()).put("seed", recipe.seed()).put("held_out_scenes", recipe.heldOutScenes());
    if (from != null) {
      root.put("from", from.toString());
    }
    var stages = root.putArray("stages");
    for (StageTime s : r.stages()) {
      stages.addObject().put("stage", s.stage()).put("steps", s.steps()).put("seconds", s.time().toMillis() / 1000.0);
    }
    ObjectNode v = root.putObject("vae");
    v.put("reconstruction_mse", r.vae().mse()).put("latent_std", r.vae().latentStd());
    accuracy(v.putObject("judge_on_reconstructions"), r.vae().judged());
    if (!Double.isNaN(r.codeDecoded())) {
      root.putObject("binding").put("decoded_held_out", r.codeDecoded());
    }
    root.set("figures", r.figures().toJson());
    ObjectNode settings = root.putObject("settings");
    settings.set("vae", json.valueToTree(recipe.vae()));
    settings.set("caption", json.valueToTree(recipe.caption()));
    settings.set("distill", json.valueToTree(recipe.distill()));
    settings.set("denoise", json.valueToTree(recipe.denoise()));
    settings.set("interleaved", json.valueToTree(recipe.interleaved()));
    settings.set("instructions", json.valueToTree(recipe.instructions()));
    settings.set("realign", json.valueToTree(recipe.realign()));
    json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
  }

  static void accuracy(ObjectNode node, AttributeAccuracy a) {
    node.put("scenes", a.scenes()).put("all", a.all()).put("shape", a.shape()).put("color", a.color())
        .put("size", a.size()).put("position", a.position()).put("background", a.background());
  }
}
