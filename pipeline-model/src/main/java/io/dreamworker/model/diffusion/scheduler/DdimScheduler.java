package io.dreamworker.model.diffusion.scheduler;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * diffusers' {@code DDIMScheduler} (Song et al. 2020, formulas (12) and (16)). As in the reference,
 * the step always goes back {@code num_train_timesteps // n} timesteps (whatever the spacing), to
 * {@code final_alpha_cumprod} (1, or {@code alphas_cumprod[0]} without {@code set_alpha_to_one})
 * below zero. With eta 0 the step is deterministic and draws no noise; with eta > 0 it draws noise
 * at every step. Scalars are computed in float32 as the reference's 0-d tensors are.
 */
public final class DdimScheduler implements Scheduler {
  private final DdimSchedulerConfig config;
  private final NoiseSchedule noise;

  public DdimScheduler(DdimSchedulerConfig config) {
    this.config = config;
    this.noise = NoiseSchedule.of(config.noise());
  }

  public static DdimScheduler fromJson(JsonNode config) {
    return new DdimScheduler(DdimSchedulerConfig.fromJson(config));
  }

  public DdimSchedulerConfig config() {
    return config;
  }

  @Override
  public String className() {
    return "DDIMScheduler";
  }

  @Override
  public NoiseSchedule noiseSchedule() {
    return noise;
  }

  /** The deterministic schedule (eta 0). */
  @Override
  public InferenceSchedule schedule(int numInferenceSteps) {
    return schedule(numInferenceSteps, 0);
  }

  /**
   * The schedule with {@code eta}, the weight of the step's noise: 0 is DDIM, 1 matches DDPM's
   * variance.
   */
  public InferenceSchedule schedule(int numInferenceSteps, double eta) {
    if (!(eta >= 0) || Double.isInfinite(eta)) {
      throw new IllegalArgumentException("DDIM eta=" + eta + " must be a finite number >= 0 (0 is deterministic)");
    }
    int[] timesteps = config.timestepSpacing().timesteps(numTrainTimesteps(), numInferenceSteps, config.stepsOffset());
    int stride = numTrainTimesteps() / numInferenceSteps;
    return new InferenceSchedule(this, timesteps, 0, (i, history) -> coefficients(timesteps[i], stride, (float) eta));
  }

  private StepCoefficients coefficients(int t, int stride, float eta) {
    int prevT = t - stride;
    float alphaProd = noise.alphaCumprod(t);
    float alphaProdPrev = prevT >= 0 ? noise.alphaCumprod(prevT)
        : config.setAlphaToOne() ? 1f : noise.alphaCumprod(0);
    float betaProd = 1f - alphaProd;
    float betaProdPrev = 1f - alphaProdPrev;
    float sqrtAlpha = sqrt(alphaProd);
    float sqrtBeta = sqrt(betaProd);

    double[] x0 = StepCoefficients.x0From(config.predictionType(), sqrtAlpha, sqrtBeta);
    // The reference derives epsilon from the unclipped prediction: eps = e[0] * sample + e[1] * output.
    double[] eps = switch (config.predictionType()) {
      case EPSILON -> new double[] {0, 1};
      case SAMPLE -> new double[] {1 / (double) sqrtBeta, -(double) sqrtAlpha / sqrtBeta};
      case V_PREDICTION -> new double[] {sqrtBeta, sqrtAlpha};
    };
    float variance = betaProdPrev / betaProd * (1f - alphaProd / alphaProdPrev);
    float std = eta * sqrt(variance);
    float direction = sqrt(1f - alphaProdPrev - std * std);
    return new StepCoefficients(
        t, x0[0], x0[1], config.clipSample() ? config.clipSampleRange() : Double.POSITIVE_INFINITY,
        direction * eps[0], direction * eps[1], sqrt(alphaProdPrev), 0, std, eta > 0, false);
  }

  private static float sqrt(float x) {
    return (float) Math.sqrt(x);
  }
}
