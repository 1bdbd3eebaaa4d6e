package io.dreamworker.model.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.diffusion.scheduler.NoiseSchedule;
import io.dreamworker.model.diffusion.scheduler.PredictionType;
import io.dreamworker.model.diffusion.vae.AutoencoderKL;
import io.dreamworker.model.nn.Scalars;
import io.dreamworker.model.shapes.Scene;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The denoising loss's inputs for a batch of scenes: each scene's VAE latents (the posterior mean,
 * times the VAE's {@code scaling_factor}) noised at a uniform random timestep of the bundle's
 * training schedule, and the target the UNet must predict for them, as its {@code prediction_type}
 * defines it ({@code epsilon}: the noise; {@code v_prediction}: {@code sqrt(a) * noise - sqrt(1 - a) *
 * x0}; {@code sample}: x0).
 *
 * <p>A scene always renders to the same picture and the VAE is frozen once stage 0 ends, so each
 * scene's latents are encoded once and kept: the shapes world has 360 one-shape and 15,552 two-shape
 * scenes, at most 256 KiB of latents per thousand scenes, and encoding was a fifth of a denoising step.
 */
final class DiffusionTargets {

  /**
   * Noisy latents [B, C, h, w], the target of each [B, C, h, w], the timesteps [B] (INT32) and each row's
   * signal-to-noise ratio {@code a / (1 - a)} at its timestep.
   */
  record Noised(NDArray latents, NDArray target, NDArray timesteps, double[] snr) {}

  private final AutoencoderKL vae;
  private final float scalingFactor;
  private final NoiseSchedule schedule;
  private final PredictionType prediction;
  private final SceneImages images = new SceneImages();
  private final Map<Scene, float[]> latents = new HashMap<>();
  private Shape latentShape;

  DiffusionTargets(AutoencoderKL vae, double scalingFactor, NoiseSchedule schedule, PredictionType prediction) {
    this.vae = vae;
    this.scalingFactor = (float) scalingFactor;
    this.schedule = schedule;
    this.prediction = prediction;
  }

  /** The batch's noised latents and targets, drawn from {@code random}; no graph is recorded. */
  Noised noised(List<Scene> scenes, SplittableRandom random, NDManager m) {
    encodeMissing(scenes, m);
    int b = scenes.size();
    int perRow = Math.toIntExact(latentShape.size());
    float[] noisy = new float[b * perRow];
    float[] target = new float[b * perRow];
    int[] timesteps = new int[b];
    double[] snr = new double[b];
    for (int i = 0; i < b; i++) {
      float[] x0 = latents.get(scenes.get(i));
      timesteps[i] = random.nextInt(schedule.numTrainTimesteps());
      double a = schedule.alphaCumprod(timesteps[i]);
      snr[i] = a / (1 - a);
      float signal = (float) Math.sqrt(a);
      float noiseLevel = (float) Math.sqrt(1 - a);
      for (int j = 0; j < perRow; j++) {
        float eps = (float) gaussian(random);
        int k = i * perRow + j;
        noisy[k] = signal * x0[j] + noiseLevel * eps;
        target[k] = switch (prediction) {
          case EPSILON -> eps;
          case V_PREDICTION -> signal * eps - noiseLevel * x0[j];
          case SAMPLE -> x0[j];
        };
      }
    }
    Shape shape = new Shape(b).addAll(latentShape);
    return new Noised(m.create(noisy, shape), m.create(target, shape), m.create(timesteps), snr);
  }

  /**
   * The denoising loss of {@code predicted} against the batch's targets: the mean squared error, or with
   * {@code snrGamma > 0} each row's error weighted by {@link #minSnrWeights}.
   */
  NDArray loss(NDArray predicted, Noised noised, float snrGamma) {
    NDArray squared = predicted.sub(noised.target()).square();
    if (snrGamma == 0) {
      return squared.mean();
    }
    int b = noised.snr().length;
    NDArray weights = predicted.getManager().create(minSnrWeights(noised.snr(), snrGamma, prediction));
    // PyTorch's engine in DJL reduces over one axis at a time: flatten each row first.
    return squared.reshape(b, -1).mean(new int[] {1}).mul(weights).mean();
  }

  /**
   * Min-SNR-gamma weights (Hang et al. 2023, "Efficient Diffusion Training via Min-SNR Weighting
   * Strategy"), in diffusers' train_text_to_image form: the error at a timestep of signal-to-noise ratio
   * {@code snr} is weighed as an epsilon error of weight {@code min(snr, gamma) / snr}, which for a
   * v target is {@code min(snr, gamma) / (snr + 1)} and for an x0 target {@code min(snr, gamma)}. The
   * nearly clean timesteps, whose easy errors otherwise pull the shared weights their way, are capped
   * at gamma; the paper measures a 3.4x faster convergence.
   */
  static float[] minSnrWeights(double[] snr, float gamma, PredictionType prediction) {
    float[] w = new float[snr.length];
    for (int i = 0; i < snr.length; i++) {
      double capped = Math.min(snr[i], gamma);
      w[i] = (float) switch (prediction) {
        // A zero-terminal-SNR schedule's last timestep is pure noise (snr 0): diffusers weighs it 1.
        case EPSILON -> snr[i] == 0 ? 1 : capped / snr[i];
        case V_PREDICTION -> capped / (snr[i] + 1);
        case SAMPLE -> capped;
      };
    }
    return w;
  }

  /** Scenes encoded so far. */
  int cached() {
    return latents.size();
  }

  private void encodeMissing(List<Scene> scenes, NDManager m) {
    List<Scene> missing = new ArrayList<>();
    for (Scene s : scenes) {
      if (!latents.containsKey(s) && !missing.contains(s)) {
        missing.add(s);
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    try (NDManager scratch = m.newSubManager()) {
      NDArray clean = Scalars.mul(vae.encode(images.tensor(missing, scratch)).mean(), scalingFactor);
      latentShape = clean.getShape().slice(1);
      int perRow = Math.toIntExact(latentShape.size());
      float[] all = clean.toFloatArray();
      for (int i = 0; i < missing.size(); i++) {
        float[] row = new float[perRow];
        System.arraycopy(all, i * perRow, row, 0, perRow);
        latents.put(missing.get(i), row);
      }
    }
  }

  private static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
