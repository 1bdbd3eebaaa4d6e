package io.dreamworker.model.diffusion.scheduler;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * diffusers' {@code DDPMScheduler} (Ho et al. 2020): ancestral sampling from the posterior
 * {@code q(x_{t-1} | x_t, x0)}, drawing variance noise at every step with {@code t > 0}. The step
 * goes to the next timestep of the schedule (diffusers' {@code previous_timestep}), or to {@code
 * alpha_prod = 1} after the last. Scalars are computed in float32 as the reference's 0-d tensors are.
 */
public final class DdpmScheduler implements Scheduler {
  private final DdpmSchedulerConfig config;
  private final NoiseSchedule noise;

  public DdpmScheduler(DdpmSchedulerConfig config) {
    this.config = config;
    this.noise = NoiseSchedule.of(config.noise());
  }

  public static DdpmScheduler fromJson(JsonNode config) {
    return new DdpmScheduler(DdpmSchedulerConfig.fromJson(config));
  }

  public DdpmSchedulerConfig config() {
    return config;
  }

  @Override
  public String className() {
    return "DDPMScheduler";
  }

  @Override
  public NoiseSchedule noiseSchedule() {
    return noise;
  }

  @Override
  public InferenceSchedule schedule(int numInferenceSteps) {
    int[] timesteps = config.timestepSpacing().timesteps(numTrainTimesteps(), numInferenceSteps, config.stepsOffset());
    return new InferenceSchedule(this, timesteps, 0, (i, history) -> coefficients(timesteps, i));
  }

  private StepCoefficients coefficients(int[] timesteps, int i) {
    int t = timesteps[i];
    int prevT = i + 1 < timesteps.length ? timesteps[i + 1] : -1;
    float alphaProd = noise.alphaCumprod(t);
    float alphaProdPrev = prevT >= 0 ? noise.alphaCumprod(prevT) : 1f;
    float betaProd = 1f - alphaProd;
    float betaProdPrev = 1f - alphaProdPrev;
    float currentAlpha = alphaProd / alphaProdPrev;
    float currentBeta = 1f - currentAlpha;

    double[] x0 = StepCoefficients.x0From(config.predictionType(), sqrt(alphaProd), sqrt(betaProd));
    // Formula (7) of the DDPM paper: the posterior mean's weights on x0 and x_t.
    float x0Weight = sqrt(alphaProdPrev) * currentBeta / betaProd;
    float sampleWeight = sqrt(currentAlpha) * betaProdPrev / betaProd;

    boolean drawsNoise = t > 0;
    float std = 0;
    if (drawsNoise) {
      float variance = Math.max((1f - alphaProdPrev) / (1f - alphaProd) * currentBeta, 1e-20f);
      std = switch (config.varianceType()) {
        case FIXED_SMALL -> sqrt(variance);
        case FIXED_SMALL_LOG -> (float) Math.exp(0.5f * (float) Math.log(variance));
        case FIXED_LARGE -> sqrt(currentBeta);
      };
    }
    return new StepCoefficients(
        t, x0[0], x0[1], config.clipSample() ? config.clipSampleRange() : Double.POSITIVE_INFINITY,
        sampleWeight, 0, x0Weight, 0, std, drawsNoise, false);
  }

  private static float sqrt(float x) {
    return (float) Math.sqrt(x);
  }
}
