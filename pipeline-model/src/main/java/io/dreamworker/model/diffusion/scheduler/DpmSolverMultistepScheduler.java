package io.dreamworker.model.diffusion.scheduler;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * diffusers' {@code DPMSolverMultistepScheduler} with {@code algorithm_type} dpmsolver++ (Lu et
 * al. 2022): the model output is turned into a data prediction x0, and each step is the exact
 * solution of the diffusion ODE in log-SNR time {@code lambda = log(alpha / sigma)} with x0 held
 * constant (first order) or extrapolated linearly from the previous step's x0 (second order,
 * "2M"). A request's first step is first order (no previous x0 yet); so is the last one when
 * {@code final_sigmas_type} is zero, {@code euler_at_final} is set, or {@code lower_order_final}
 * holds with fewer than 15 steps.
 *
 * <p>Sigmas are {@code sqrt((1 - a) / a)} in float32 at the schedule's timesteps plus the final
 * one; the step's scalars follow the reference's float32 0-d tensor arithmetic.
 */
public final class DpmSolverMultistepScheduler implements Scheduler {
  private final DpmSolverMultistepConfig config;
  private final NoiseSchedule noise;
  /** alphas_cumprod with the reference's zero-SNR patch (the last one set to 2^-24). */
  private final float[] alphasCumprod;
  private final int lastTimestep;

  public DpmSolverMultistepScheduler(DpmSolverMultistepConfig config) {
    this.config = config;
    this.noise = NoiseSchedule.of(config.noise());
    this.alphasCumprod = noise.alphasCumprod();
    if (config.noise().rescaleBetasZeroSnr()) {
      // A terminal alpha of exactly 0 would make sigma infinite; the reference nudges it.
      alphasCumprod[alphasCumprod.length - 1] = 0x1p-24f;
    }
    this.lastTimestep = alphasCumprod.length - clippedTimesteps(alphasCumprod, config.lambdaMinClipped());
  }

  public static DpmSolverMultistepScheduler fromJson(JsonNode config) {
    return new DpmSolverMultistepScheduler(DpmSolverMultistepConfig.fromJson(config));
  }

  public DpmSolverMultistepConfig config() {
    return config;
  }

  @Override
  public String className() {
    return "DPMSolverMultistepScheduler";
  }

  @Override
  public NoiseSchedule noiseSchedule() {
    return noise;
  }

  @Override
  public InferenceSchedule schedule(int numInferenceSteps) {
    int[] timesteps = config.timestepSpacing()
        .solverTimesteps(numTrainTimesteps(), lastTimestep, numInferenceSteps, config.stepsOffset());
    float[] sigmas = new float[timesteps.length + 1];
    for (int i = 0; i < timesteps.length; i++) {
      sigmas[i] = sigma(timesteps[i]);
    }
    sigmas[timesteps.length] = config.finalSigmasType() == DpmSolverMultistepConfig.FinalSigmas.ZERO ? 0f : sigma(0);
    return new InferenceSchedule(
        this, timesteps, config.solverOrder(), (i, history) -> coefficients(timesteps, sigmas, i, history));
  }

  private StepCoefficients coefficients(int[] timesteps, float[] sigmas, int i, int history) {
    int n = timesteps.length;
    boolean lowerOrderFinal = i == n - 1
        && (config.eulerAtFinal()
            || (config.lowerOrderFinal() && n < 15)
            || config.finalSigmasType() == DpmSolverMultistepConfig.FinalSigmas.ZERO);
    boolean firstOrder = config.solverOrder() == 1 || history < 1 || lowerOrderFinal;

    float[] s0 = alphaSigma(sigmas[i]);
    float[] t = alphaSigma(sigmas[i + 1]);
    double[] x0 = StepCoefficients.x0From(config.predictionType(), s0[0], s0[1]);
    float lambdaT = lambda(t);
    float lambdaS0 = lambda(s0);
    float h = lambdaT - lambdaS0;
    float expm1 = (float) Math.exp(-h) - 1f;
    float sampleWeight = t[1] / s0[1];
    float d0Weight = -(t[0] * expm1);
    boolean keepsX0 = config.solverOrder() > 1 && i < n - 1;
    if (firstOrder) {
      return new StepCoefficients(
          timesteps[i], x0[0], x0[1], Double.POSITIVE_INFINITY, sampleWeight, 0, d0Weight, 0, 0, false, keepsX0);
    }
    float lambdaS1 = lambda(alphaSigma(sigmas[i - 1]));
    float r0 = (lambdaS0 - lambdaS1) / h;
    // D1 = (1 / r0) * (x0 - previousX0), weighted by the solver type's coefficient.
    float d1Weight = switch (config.solverType()) {
      case MIDPOINT -> -0.5f * (t[0] * expm1);
      case HEUN -> t[0] * (expm1 / h + 1f);
    };
    double d1 = (double) d1Weight * (1f / r0);
    return new StepCoefficients(
        timesteps[i], x0[0], x0[1], Double.POSITIVE_INFINITY, sampleWeight, 0, d0Weight + d1, -d1, 0, false, keepsX0);
  }

  /** {@code ((1 - a_t) / a_t) ** 0.5} in float32. */
  private float sigma(int t) {
    float a = alphasCumprod[t];
    return (float) Math.sqrt((1f - a) / a);
  }

  /** The reference's {@code _sigma_to_alpha_sigma_t}: {alpha_t, sigma_t} in float32. */
  private static float[] alphaSigma(float sigma) {
    float alpha = 1f / (float) Math.sqrt(sigma * sigma + 1f);
    return new float[] {alpha, sigma * alpha};
  }

  private static float lambda(float[] alphaSigma) {
    return (float) Math.log(alphaSigma[0]) - (float) Math.log(alphaSigma[1]);
  }

  /**
   * {@code searchsorted(flip(lambda_t), lambda_min_clipped)}: how many of the noisiest timesteps
   * have a log-SNR below the clipping bound and are left out of the schedule.
   */
  private static int clippedTimesteps(float[] alphasCumprod, double lambdaMinClipped) {
    int clipped = 0;
    for (float a : alphasCumprod) {
      float lambda = (float) Math.log((float) Math.sqrt(a)) - (float) Math.log((float) Math.sqrt(1f - a));
      if (lambda < lambdaMinClipped) {
        clipped++;
      }
    }
    return clipped;
  }
}
