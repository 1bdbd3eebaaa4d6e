package io.dreamworker.model.diffusion.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Objects;

/**
 * The training noise schedule fields shared by diffusers' DDPM, DDIM and DPM-Solver configs, with
 * their defaults: {@code num_train_timesteps} 1000, {@code beta_start} 0.0001, {@code beta_end}
 * 0.02, {@code beta_schedule} linear, {@code trained_betas} none, {@code rescale_betas_zero_snr}
 * false. Stable Diffusion 2.1 trains with scaled_linear 0.00085..0.012 over 1000 steps
 * ({@link #stableDiffusion21()}).
 *
 * @param trainedBetas the betas themselves (length {@code numTrainTimesteps}), overriding the
 *     schedule, or {@code null}
 */
public record NoiseScheduleConfig(
    int numTrainTimesteps,
    double betaStart,
    double betaEnd,
    BetaSchedule betaSchedule,
    double[] trainedBetas,
    boolean rescaleBetasZeroSnr) {

  public NoiseScheduleConfig {
    if (numTrainTimesteps < 2) {
      throw new IllegalArgumentException(
          "num_train_timesteps=" + numTrainTimesteps + " must be at least 2");
    }
    if (trainedBetas != null) {
      trainedBetas = trainedBetas.clone();
      if (trainedBetas.length != numTrainTimesteps) {
        throw new IllegalArgumentException(
            "trained_betas has " + trainedBetas.length + " values but num_train_timesteps=" + numTrainTimesteps
                + ": give one beta per training timestep");
      }
      for (double b : trainedBetas) {
        if (!(b > 0 && b < 1)) {
          throw new IllegalArgumentException("trained_betas value " + b + " is outside (0, 1)");
        }
      }
    } else if (!(betaStart > 0 && betaEnd > 0 && betaStart < 1 && betaEnd < 1)) {
      throw new IllegalArgumentException(
          "beta_start=" + betaStart + " and beta_end=" + betaEnd + " must lie in (0, 1)");
    }
  }

  /** Stable Diffusion 2.1's training schedule: scaled_linear 0.00085..0.012, 1000 timesteps. */
  public static NoiseScheduleConfig stableDiffusion21() {
    return new NoiseScheduleConfig(1000, 0.00085, 0.012, BetaSchedule.SCALED_LINEAR, null, false);
  }

  static NoiseScheduleConfig read(ConfigFields f) {
    BetaSchedule schedule = f.parse("beta_schedule", "linear", BetaSchedule::fromConfig);
    try {
      return new NoiseScheduleConfig(
          f.integer("num_train_timesteps", 1000),
          f.number("beta_start", 0.0001),
          f.number("beta_end", 0.02),
          schedule,
          f.numbers("trained_betas"),
          f.flag("rescale_betas_zero_snr", false));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(f.owner() + " config: " + e.getMessage(), e);
    }
  }

  /** Reads the shared fields of a scheduler config.json. */
  public static NoiseScheduleConfig fromJson(JsonNode config) {
    return read(new ConfigFields(config, config.path("_class_name").asText("scheduler")));
  }

  @Override
  public double[] trainedBetas() {
    return trainedBetas == null ? null : trainedBetas.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoiseScheduleConfig c
        && numTrainTimesteps == c.numTrainTimesteps
        && Double.compare(betaStart, c.betaStart) == 0
        && Double.compare(betaEnd, c.betaEnd) == 0
        && betaSchedule == c.betaSchedule
        && Arrays.equals(trainedBetas, c.trainedBetas)
        && rescaleBetasZeroSnr == c.rescaleBetasZeroSnr;
  }

  @Override
  public int hashCode() {
    return 31 * Objects.hash(numTrainTimesteps, betaStart, betaEnd, betaSchedule, rescaleBetasZeroSnr)
        + Arrays.hashCode(trainedBetas);
  }

  @Override
  public String toString() {
    return "NoiseScheduleConfig[num_train_timesteps=" + numTrainTimesteps + ", beta_start=" + betaStart
        + ", beta_end=" + betaEnd + ", beta_schedule=" + betaSchedule.configName()
        + (trainedBetas == null ? "" : ", trained_betas=" + trainedBetas.length + " values")
        + ", rescale_betas_zero_snr=" + rescaleBetasZeroSnr + "]";
  }
}
