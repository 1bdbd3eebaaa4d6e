package io.dreamworker.model.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.dreamworker.model.diffusion.vae.AutoencoderKL;
import io.dreamworker.model.diffusion.vae.DecodedImages;
import io.dreamworker.model.diffusion.vae.LatentDistribution;
import io.dreamworker.model.diffusion.vae.VaeConfig;
import io.dreamworker.model.image.RgbImage;
import io.dreamworker.model.nn.Scalars;
import io.dreamworker.model.shapes.Evaluation;
import io.dreamworker.model.shapes.JudgeReading;
import io.dreamworker.model.shapes.Scene;
import io.dreamworker.model.shapes.SceneSampler;
import io.dreamworker.model.shapes.ShapeJudge;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stage 0 of the shapes recipe, the part DreamLLM takes pretrained from Stable Diffusion: the KL
 * autoencoder ({@link AutoencoderKL}, the serving class itself) trained on rendered scenes to
 * reconstruct them through its 16x16x4 latents. The loss is the reference's KL-VAE objective without
 * its perceptual and adversarial terms, which a flat-coloured domain does not need: mean squared error
 * of the image decoded from a posterior sample, plus a small KL term towards N(0, I) that keeps the
 * latent space smooth for the diffusion model trained on it.
 */
public final class VaeTraining {

  /** The stage's name in the loss log. */
  public static final String STAGE = "vae";

  /**
   * @param steps optimizer steps
   * @param batchSize scenes per step
   * @param learningRate Adam's peak rate (after a warm-up of 5% of the steps, cosine decay to 10%)
   * @param klWeight weight of the KL term, per latent element, against the per-pixel MSE
   * @param dataSeed the scene sampler's seed (the stream of training scenes)
   */
  public record Config(int steps, int batchSize, float learningRate, float klWeight, long dataSeed) {
    public Config {
      if (steps < 0 || batchSize < 1 || !(learningRate > 0) || klWeight < 0) {
        throw new IllegalArgumentException("VAE training needs steps >= 0 (0 skips the stage), batchSize >= 1, learningRate > 0 and"
            + " klWeight >= 0, got steps " + steps + ", batchSize " + batchSize + ", learningRate " + learningRate
            + ", klWeight " + klWeight);
      }
    }

    /** The recipe of the shipped bundle. */
    public static Config defaults() {
      return new Config(900, 16, 2e-3f, 1e-4f, 1000);
    }

    public Config withSteps(int newSteps) {
      return new Config(newSteps, batchSize, learningRate, klWeight, dataSeed);
    }
  }

  /**
   * What the autoencoder does on held-out scenes.
   *
   * @param mse mean squared error of the reconstructions (from the posterior mean) in [-1, 1] units
   * @param judged the judge's reading of the 8-bit reconstructions against the scenes drawn
   * @param latentStd the standard deviation of the posterior means; {@code 1 / latentStd} is the
   *     {@code scaling_factor} that gives the diffusion model unit-variance latents, as Stable
   *     Diffusion chose 0.18215 for its own VAE
   */
  public record Report(double mse, io.dreamworker.model.shapes.AttributeAccuracy judged, double latentStd) {}

  private final VaeConfig config;
  private final TrainableParameters parameters;
  private final AutoencoderKL vae;
  private final SceneImages images = new SceneImages();

  /** Builds the autoencoder over {@code parameters} (the {@code vae.}-less names of its tensors). */
  public VaeTraining(VaeConfig config, TrainableParameters parameters, NDManager manager) {
    this.config = config;
    this.parameters = parameters;
    this.vae = AutoencoderKL.load(config, io.dreamworker.model.weights.Weights.of(parameters, manager));
  }

  /** Initial parameters of a {@code config}-shaped autoencoder from {@code seed}. */
  public static TrainableParameters initialParameters(VaeConfig config, NDManager manager, long seed) {
    return TrainableParameters.initialise(manager, seed, w -> AutoencoderKL.load(config, w));
  }

  public AutoencoderKL model() {
    return vae;
  }

  /** Runs {@code c.steps()} steps, logging each. */
  public void train(Config c, NDManager manager, LossLog log) {
    LearningRateSchedule schedule = new LearningRateSchedule(c.learningRate(), Math.max(1, c.steps() / 20),
        c.steps(), 0.1f);
    AdamOptimizer adam = new AdamOptimizer(schedule, 1f, parameters);
    SceneSampler sampler = new SceneSampler(c.dataSeed());
    for (int step = 1; step <= c.steps(); step++) {
      long start = System.nanoTime();
      List<Scene> batch = new ArrayList<>(c.batchSize());
      for (int i = 0; i < c.batchSize(); i++) {
        batch.add(sampler.next());
      }
      double loss;
      double reconstruction;
      double kl;
      float gradNorm;
      try (NDManager stepManager = manager.newSubManager()) {
        NDArray x = images.tensor(batch, stepManager);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
          LatentDistribution posterior = vae.encode(x);
          NDArray decoded = vae.decode(posterior.sample(c.dataSeed() * 1_000_003L + step));
          NDArray mse = decoded.sub(x).square().mean();
          NDArray klTerm = klDivergence(posterior);
          NDArray total = mse.add(Scalars.mul(klTerm, c.klWeight()));
          collector.backward(total);
          loss = total.getFloat();
          reconstruction = mse.getFloat();
          kl = klTerm.getFloat();
        }
        if (!Double.isFinite(loss)) {
          throw new TrainingDivergedException("VAE loss is " + loss + " at step " + step
              + "; lower the learning rate (" + c.learningRate() + ")");
        }
        gradNorm = adam.step();
      }
      log.record(STAGE, step, c.steps(), loss, Map.of("mse", reconstruction, "kl", kl), schedule.at(step),
          gradNorm, (System.nanoTime() - start) / 1e6);
    }
  }

  /** KL(q(z|x) || N(0, I)) per latent element, averaged: {@code 0.5 * (mean^2 + var - 1 - logvar)}. */
  static NDArray klDivergence(LatentDistribution d) {
    return Scalars.mul(d.mean().square().add(d.logvar().exp()).sub(1f).sub(d.logvar()), 0.5f).mean();
  }

  /** Reconstructs {@code scenes} from their posterior means and judges the 8-bit results. */
  public Report evaluate(List<Scene> scenes, NDManager manager, int batchSize) {
    ShapeJudge judge = new ShapeJudge();
    List<JudgeReading> readings = new ArrayList<>();
    double squaredError = 0;
    double latentSum = 0;
    double latentSquares = 0;
    long latentCount = 0;
    long pixelCount = 0;
    for (int from = 0; from < scenes.size(); from += batchSize) {
      List<Scene> batch = scenes.subList(from, Math.min(scenes.size(), from + batchSize));
      try (NDManager m = manager.newSubManager()) {
        NDArray x = images.tensor(batch, m);
        NDArray mean = vae.encode(x).mean();
        NDArray decoded = vae.decode(mean);
        squaredError += decoded.sub(x).square().sum().getFloat();
        pixelCount += x.size();
        latentSum += mean.sum().getFloat();
        latentSquares += mean.square().sum().getFloat();
        latentCount += mean.size();
        for (RgbImage image : DecodedImages.toRgb(decoded)) {
          readings.add(judge.judge(SceneImages.packed(image)));
        }
      }
    }
    double latentMean = latentSum / latentCount;
    double latentStd = Math.sqrt(Math.max(0, latentSquares / latentCount - latentMean * latentMean));
    return new Report(squaredError / pixelCount, Evaluation.attributes(scenes, readings), latentStd);
  }

  public VaeConfig config() {
    return config;
  }
}
