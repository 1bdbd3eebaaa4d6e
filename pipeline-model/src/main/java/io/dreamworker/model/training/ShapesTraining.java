package io.dreamworker.model.training;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dreamworker.model.bundle.BundleManifest;
import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.model.diffusion.vae.VaeConfig;
import io.dreamworker.model.runtime.OfflineEngine;
import io.dreamworker.model.shapes.AttributeAccuracy;
import io.dreamworker.model.shapes.Scene;
import io.dreamworker.model.shapes.SceneSampler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shapes recipe from a seed to a bundle, the stages in order. Built so far: stage 0's VAE. The
 * other components are written with their seeded random weights, so the bundle loads and serves
 * while the later stages are added one by one; the bundle's {@code version} names the trained parts.
 * The figures of each stage are written beside the weights as {@value #REPORT_FILE}.
 */
public final class ShapesTraining {

  /** The report file inside the bundle directory. */
  public static final String REPORT_FILE = "training-report.json";

  /** Seeds of the parts of a run, derived from its one seed so that the parts never share a stream. */
  private static final long VAE_INIT = 11;
  private static final long VAE_DATA = 12;
  private static final long HELD_OUT = 99;

  /**
   * @param preset the bundle's sizes
   * @param seed fixes initial weights, training scenes and held-out scenes
   * @param vae stage 0's settings (its {@code dataSeed} is replaced by one derived from {@code seed})
   * @param heldOutScenes scenes the evaluation draws, from a stream no training stage reads
   */
  public record Recipe(BundlePreset preset, long seed, VaeTraining.Config vae, int heldOutScenes) {
    public Recipe {
      if (preset.imageSize() != Scene.SIZE) {
        throw new IllegalArgumentException("the shapes world draws " + Scene.SIZE + "x" + Scene.SIZE
            + " images but preset '" + preset.name() + "' has imageSize " + preset.imageSize()
            + "; use the 'shapes' preset");
      }
      vae = new VaeTraining.Config(vae.steps(), vae.batchSize(), vae.learningRate(), vae.klWeight(),
          seed * 1000 + VAE_DATA);
    }

    /** The shipped recipe. */
    public static Recipe defaults(long seed) {
      return new Recipe(BundlePreset.SHAPES, seed, VaeTraining.Config.defaults(), 500);
    }
  }

  /** What a run produced: the bundle written and each stage's figures and time. */
  public record Result(BundleManifest manifest, VaeTraining.Report vae, Duration vaeTime) {}

  private ShapesTraining() {}

  /** Trains every built stage of {@code recipe}, logging each step, and writes the bundle to {@code out}. */
  public static Result run(Recipe recipe, Path out, LossLog log) throws IOException {
    OfflineEngine.configure();
    try (NDManager manager = NDManager.newBaseManager()) {
      VaeConfig vaeConfig = VaeConfig.fromJson(recipe.preset().vaeConfig());
      TrainableParameters vaeParameters =
          VaeTraining.initialParameters(vaeConfig, manager, recipe.seed() * 1000 + VAE_INIT);
      VaeTraining vae = new VaeTraining(vaeConfig, vaeParameters, manager);
      long start = System.nanoTime();
      vae.train(recipe.vae(), manager, log);
      Duration vaeTime = Duration.ofNanos(System.nanoTime() - start);
      VaeTraining.Report vaeReport = vae.evaluate(heldOut(recipe), manager, 50);

      double scaling = 1 / vaeReport.latentStd();
      BundleManifest manifest = TrainedBundleWriter.write(out, recipe.preset(), recipe.seed(),
          Map.of("vae", vaeParameters), scaling, Map.of("stages", "vae"));
      writeReport(out.resolve(REPORT_FILE), recipe, vaeReport, vaeTime, scaling);
      return new Result(manifest, vaeReport, vaeTime);
    }
  }

  /** The held-out scenes of a recipe: a sampler stream that no training stage reads. */
  public static List<Scene> heldOut(Recipe recipe) {
    SceneSampler sampler = new SceneSampler(recipe.seed() * 1000 + HELD_OUT);
    List<Scene> scenes = new ArrayList<>(recipe.heldOutScenes());
    for (int i = 0; i < recipe.heldOutScenes(); i++) {
      scenes.add(sampler.next());
    }
    return scenes;
  }

  private static void writeReport(Path file, Recipe recipe, VaeTraining.Report vae, Duration vaeTime, double scaling)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("preset", recipe.preset().name()).put("seed", recipe.seed()).put("held_out_scenes", recipe.heldOutScenes());
    ObjectNode v = root.putObject("vae");
    v.put("steps", recipe.vae().steps()).put("batch_size", recipe.vae().batchSize())
        .put("learning_rate", recipe.vae().learningRate()).put("kl_weight", recipe.vae().klWeight())
        .put("seconds", vaeTime.toMillis() / 1000.0)
        .put("reconstruction_mse", vae.mse()).put("latent_std", vae.latentStd()).put("scaling_factor", scaling);
    accuracy(v.putObject("judge_on_reconstructions"), vae.judged());
    json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
  }

  static void accuracy(ObjectNode node, AttributeAccuracy a) {
    node.put("scenes", a.scenes()).put("all", a.all()).put("shape", a.shape()).put("color", a.color())
        .put("size", a.size()).put("position", a.position()).put("background", a.background());
  }
}
