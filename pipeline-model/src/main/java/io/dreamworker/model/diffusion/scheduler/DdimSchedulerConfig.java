package io.dreamworker.model.diffusion.scheduler;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * diffusers' {@code DDIMScheduler} config.json. Defaults are the reference's: {@code clip_sample}
 * true, {@code clip_sample_range} 1.0, {@code set_alpha_to_one} true, {@code steps_offset} 0,
 * {@code prediction_type} epsilon, {@code timestep_spacing} leading. {@code thresholding} must be
 * false. {@code eta} is not a config field: it is chosen per request
 * ({@link DdimScheduler#schedule(int, double)}).
 */
public record DdimSchedulerConfig(
    NoiseScheduleConfig noise,
    boolean clipSample,
    double clipSampleRange,
    boolean setAlphaToOne,
    int stepsOffset,
    PredictionType predictionType,
    TimestepSpacing timestepSpacing) {

  public DdimSchedulerConfig {
    if (clipSample && !(clipSampleRange > 0)) {
      throw new IllegalArgumentException(
          "DDIMScheduler config: clip_sample_range=" + clipSampleRange + " must be positive when clip_sample is true");
    }
  }

  /** Reads a {@code DDIMScheduler} config.json. */
  public static DdimSchedulerConfig fromJson(JsonNode config) {
    ConfigFields f = new ConfigFields(config, "DDIMScheduler");
    f.requireOff("thresholding", "dynamic thresholding is unsuitable for latent diffusion and not implemented");
    return new DdimSchedulerConfig(
        NoiseScheduleConfig.read(f),
        f.flag("clip_sample", true),
        f.number("clip_sample_range", 1.0),
        f.flag("set_alpha_to_one", true),
        f.integer("steps_offset", 0),
        f.parse("prediction_type", "epsilon", PredictionType::fromConfig),
        f.parse("timestep_spacing", "leading", TimestepSpacing::fromConfig));
  }
}
