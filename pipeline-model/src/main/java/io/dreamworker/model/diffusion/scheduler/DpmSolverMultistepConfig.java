package io.dreamworker.model.diffusion.scheduler;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * diffusers' {@code DPMSolverMultistepScheduler} config.json, for the deterministic DPM-Solver++
 * (data prediction) of order 1 or 2. Defaults are the reference's: {@code solver_order} 2, {@code
 * prediction_type} epsilon, {@code algorithm_type} dpmsolver++, {@code solver_type} midpoint, {@code
 * lower_order_final} true, {@code euler_at_final} false, {@code final_sigmas_type} zero, {@code
 * lambda_min_clipped} -inf, {@code timestep_spacing} linspace, {@code steps_offset} 0.
 *
 * <p>Rejected with a message naming the field: {@code algorithm_type} other than dpmsolver++ (or
 * its alias deis), {@code solver_order} 3, {@code thresholding}, {@code variance_type} learned, and
 * the sigma families ({@code use_karras_sigmas}, {@code use_exponential_sigmas}, {@code
 * use_beta_sigmas}, {@code use_lu_lambdas}, {@code use_flow_sigmas}, {@code use_dynamic_shifting}).
 */
public record DpmSolverMultistepConfig(
    NoiseScheduleConfig noise,
    int solverOrder,
    PredictionType predictionType,
    SolverType solverType,
    boolean lowerOrderFinal,
    boolean eulerAtFinal,
    FinalSigmas finalSigmasType,
    double lambdaMinClipped,
    TimestepSpacing timestepSpacing,
    int stepsOffset) {

  /** {@code solver_type}: how the second-order term is formed. */
  public enum SolverType {
    MIDPOINT,
    HEUN;

    static SolverType fromConfig(String name) {
      return switch (name) {
        // diffusers maps the UniPC / DEIS names onto midpoint.
        case "midpoint", "logrho", "bh1", "bh2" -> MIDPOINT;
        case "heun" -> HEUN;
        default -> throw new IllegalArgumentException(
            "unknown solver_type '" + name + "' (supported: midpoint, heun)");
      };
    }
  }

  /** {@code final_sigmas_type}: the noise level the last step lands on. */
  public enum FinalSigmas {
    /** Fully denoised (sigma 0). */
    ZERO,
    /** The training schedule's smallest sigma. */
    SIGMA_MIN;

    static FinalSigmas fromConfig(String name) {
      return switch (name) {
        case "zero" -> ZERO;
        case "sigma_min" -> SIGMA_MIN;
        default -> throw new IllegalArgumentException(
            "unknown final_sigmas_type '" + name + "' (supported: zero, sigma_min)");
      };
    }
  }

  public DpmSolverMultistepConfig {
    if (solverOrder != 1 && solverOrder != 2) {
      throw new IllegalArgumentException(
          "DPMSolverMultistepScheduler config: solver_order=" + solverOrder
              + " is not supported; use 2 (DPM-Solver++ 2M, recommended for guided sampling) or 1");
    }
    if (Double.isNaN(lambdaMinClipped)) {
      throw new IllegalArgumentException(
          "DPMSolverMultistepScheduler config: lambda_min_clipped is NaN; use a number or -Infinity");
    }
  }

  /** Reads a {@code DPMSolverMultistepScheduler} config.json. */
  public static DpmSolverMultistepConfig fromJson(JsonNode config) {
    ConfigFields f = new ConfigFields(config, "DPMSolverMultistepScheduler");
    String algorithm = f.text("algorithm_type", "dpmsolver++");
    if (!algorithm.equals("dpmsolver++") && !algorithm.equals("deis")) {
      throw new IllegalArgumentException(
          "DPMSolverMultistepScheduler config: algorithm_type '" + algorithm + "' is not supported;"
              + " use \"dpmsolver++\" (dpmsolver and the SDE variants are not implemented)");
    }
    f.requireOff("thresholding", "dynamic thresholding is unsuitable for latent diffusion and not implemented");
    for (String sigmas : new String[] {
        "use_karras_sigmas", "use_exponential_sigmas", "use_beta_sigmas", "use_lu_lambdas", "use_flow_sigmas",
        "use_dynamic_shifting"}) {
      f.requireOff(sigmas, "only the training schedule's own sigmas are implemented");
    }
    if (f.present("variance_type")) {
      throw new IllegalArgumentException(
          "DPMSolverMultistepScheduler config: variance_type '" + f.text("variance_type", "")
              + "' is not supported (learned variances need a model with extra output channels);"
              + " set \"variance_type\": null");
    }
    return new DpmSolverMultistepConfig(
        NoiseScheduleConfig.read(f),
        f.integer("solver_order", 2),
        f.parse("prediction_type", "epsilon", PredictionType::fromConfig),
        f.parse("solver_type", "midpoint", SolverType::fromConfig),
        f.flag("lower_order_final", true),
        f.flag("euler_at_final", false),
        f.parse("final_sigmas_type", "zero", FinalSigmas::fromConfig),
        f.number("lambda_min_clipped", Double.NEGATIVE_INFINITY),
        f.parse("timestep_spacing", "linspace", TimestepSpacing::fromConfig),
        f.integer("steps_offset", 0));
  }
}
