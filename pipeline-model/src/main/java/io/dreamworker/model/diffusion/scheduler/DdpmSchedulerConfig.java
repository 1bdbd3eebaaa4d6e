package io.dreamworker.model.diffusion.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * diffusers' {@code DDPMScheduler} config.json. Defaults are the reference's: {@code variance_type}
 * fixed_small, {@code clip_sample} true, {@code clip_sample_range} 1.0, {@code prediction_type}
 * epsilon, {@code timestep_spacing} leading, {@code steps_offset} 0. {@code thresholding} must be
 * false (dynamic thresholding is meant for pixel-space models, not latent diffusion).
 */
public record DdpmSchedulerConfig(
    NoiseScheduleConfig noise,
    VarianceType varianceType,
    boolean clipSample,
    double clipSampleRange,
    PredictionType predictionType,
    TimestepSpacing timestepSpacing,
    int stepsOffset) {

  /** The {@code variance_type} values whose variance is fixed by the schedule. */
  public enum VarianceType {
    /** The posterior variance {@code (1 - a_prev) / (1 - a_t) * beta_t}, clamped at 1e-20. */
    FIXED_SMALL,
    /** The same, via {@code exp(0.5 * log(variance))} as the standard deviation. */
    FIXED_SMALL_LOG,
    /** {@code beta_t} itself. */
    FIXED_LARGE;

    static VarianceType fromConfig(String name) {
      return switch (name) {
        case "fixed_small" -> FIXED_SMALL;
        case "fixed_small_log" -> FIXED_SMALL_LOG;
        case "fixed_large" -> FIXED_LARGE;
        case "fixed_large_log", "learned", "learned_range" -> throw new IllegalArgumentException(
            "variance_type '" + name + "' is not supported (it needs a model that predicts its variance,"
                + " or, for fixed_large_log, takes the square root of a negative log); use fixed_small,"
                + " fixed_small_log or fixed_large");
        default -> throw new IllegalArgumentException(
            "unknown variance_type '" + name + "' (supported: fixed_small, fixed_small_log, fixed_large)");
      };
    }

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public DdpmSchedulerConfig {
    if (clipSample && !(clipSampleRange > 0)) {
      throw new IllegalArgumentException(
          "DDPMScheduler config: clip_sample_range=" + clipSampleRange + " must be positive when clip_sample is true");
    }
  }

  /** Reads a {@code DDPMScheduler} config.json. */
  public static DdpmSchedulerConfig fromJson(JsonNode config) {
    ConfigFields f = new ConfigFields(config, "DDPMScheduler");
    f.requireOff("thresholding", "dynamic thresholding is unsuitable for latent diffusion and not implemented");
    return new DdpmSchedulerConfig(
        NoiseScheduleConfig.read(f),
        f.parse("variance_type", "fixed_small", VarianceType::fromConfig),
        f.flag("clip_sample", true),
        f.number("clip_sample_range", 1.0),
        f.parse("prediction_type", "epsilon", PredictionType::fromConfig),
        f.parse("timestep_spacing", "leading", TimestepSpacing::fromConfig),
        f.integer("steps_offset", 0));
  }
}
