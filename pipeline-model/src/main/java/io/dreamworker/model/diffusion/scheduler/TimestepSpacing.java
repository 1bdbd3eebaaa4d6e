package io.dreamworker.model.diffusion.scheduler;

import java.util.Arrays;

/**
 * diffusers' {@code timestep_spacing}: how {@code set_timesteps(n)} picks n of the training
 * timesteps (Table 2 of "Common Diffusion Noise Schedules and Sample Steps are Flawed").
 *
 * <p>One deliberate difference from diffusers: for some step counts (61, 103, 121, ... of 1000)
 * numpy's {@code arange} under {@code trailing} yields one value too many, which becomes timestep
 * -1 (an index that wraps to the noisiest timestep in torch). This class drops it, so the schedule
 * always has the requested length and stays within {@code [0, num_train_timesteps)}.
 */
public enum TimestepSpacing {
  /** {@code arange(n) * (T // n)} reversed, plus {@code steps_offset}; SD 2.1's. */
  LEADING("leading"),
  /** {@code round(arange(T, 0, -T / n)) - 1}: always starts at the last training timestep. */
  TRAILING("trailing"),
  /** {@code round(linspace(0, T - 1, n))} reversed. */
  LINSPACE("linspace");

  private final String configName;

  TimestepSpacing(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  /**
   * The spacing a config names.
   *
   * @throws IllegalArgumentException naming the value and the supported ones
   */
  public static TimestepSpacing fromConfig(String name) {
    for (TimestepSpacing s : values()) {
      if (s.configName.equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unsupported timestep_spacing '" + name + "' (supported: leading, trailing, linspace)");
  }

  /**
   * The timesteps of DDPMScheduler / DDIMScheduler {@code set_timesteps(steps)}, descending.
   *
   * @throws IllegalArgumentException if {@code steps} is outside {@code [1, numTrainTimesteps]} or the
   *     spacing would put a timestep outside {@code [0, numTrainTimesteps)}
   */
  public int[] timesteps(int numTrainTimesteps, int steps, int stepsOffset) {
    checkSteps(numTrainTimesteps, steps);
    long[] t = switch (this) {
      case LEADING -> {
        long ratio = numTrainTimesteps / steps;
        long[] out = new long[steps];
        for (int i = 0; i < steps; i++) {
          out[i] = (steps - 1 - i) * ratio + stepsOffset;
        }
        yield out;
      }
      case TRAILING -> trailing(numTrainTimesteps, numTrainTimesteps, steps);
      case LINSPACE -> {
        double[] v = NumpyRanges.linspace(0, numTrainTimesteps - 1, steps);
        long[] out = new long[steps];
        for (int i = 0; i < steps; i++) {
          out[i] = NumpyRanges.round(v[steps - 1 - i]);
        }
        yield out;
      }
    };
    return checked(t, numTrainTimesteps, steps, stepsOffset);
  }

  /**
   * The timesteps of DPMSolverMultistepScheduler {@code set_timesteps(steps)}: like
   * {@link #timesteps} but over {@code steps + 1} points with the last (zero) one dropped, and up to
   * {@code lastTimestep}, which {@code lambda_min_clipped} may lower below the training length.
   */
  public int[] solverTimesteps(int numTrainTimesteps, int lastTimestep, int steps, int stepsOffset) {
    checkSteps(numTrainTimesteps, steps);
    long[] t = switch (this) {
      case LEADING -> {
        long ratio = lastTimestep / (steps + 1);
        long[] out = new long[steps];
        for (int i = 0; i < steps; i++) {
          out[i] = (steps - i) * ratio + stepsOffset;
        }
        yield out;
      }
      case TRAILING -> trailing(numTrainTimesteps, lastTimestep, steps);
      case LINSPACE -> {
        double[] v = NumpyRanges.linspace(0, lastTimestep - 1, steps + 1);
        long[] out = new long[steps];
        for (int i = 0; i < steps; i++) {
          out[i] = NumpyRanges.round(v[steps - i]);
        }
        yield out;
      }
    };
    return checked(t, numTrainTimesteps, steps, stepsOffset);
  }

  private static long[] trailing(int numTrainTimesteps, int lastTimestep, int steps) {
    double ratio = (double) numTrainTimesteps / steps;
    double[] v = NumpyRanges.arange(lastTimestep, 0, -ratio);
    // numpy's ceil((0 - T) / -ratio) can exceed the step count by one; that value rounds to -1.
    return Arrays.stream(v).mapToLong(x -> NumpyRanges.round(x) - 1).filter(x -> x >= 0).toArray();
  }

  private static void checkSteps(int numTrainTimesteps, int steps) {
    if (steps < 1 || steps > numTrainTimesteps) {
      throw new IllegalArgumentException(
          "num_inference_steps=" + steps + " is outside [1, num_train_timesteps=" + numTrainTimesteps
              + "]: the model was trained on " + numTrainTimesteps + " timesteps, so use at most that many steps");
    }
  }

  private int[] checked(long[] t, int numTrainTimesteps, int steps, int stepsOffset) {
    for (int i = 0; i < t.length; i++) {
      if (t[i] < 0 || t[i] >= numTrainTimesteps) {
        throw new IllegalArgumentException(
            "timestep_spacing '" + configName + "' with num_inference_steps=" + steps + " and steps_offset="
                + stepsOffset + " gives timestep " + t[i] + ", outside [0, num_train_timesteps="
                + numTrainTimesteps + "): use fewer steps, steps_offset=0 or timestep_spacing 'trailing'");
      }
      if (i > 0 && t[i] >= t[i - 1]) {
        throw new IllegalArgumentException(
            "timestep_spacing '" + configName + "' with num_inference_steps=" + steps
                + " repeats timestep " + t[i] + " (the spacing between steps falls below one training"
                + " timestep): use fewer steps or timestep_spacing 'trailing'");
      }
    }
    return Arrays.stream(t).mapToInt(Math::toIntExact).toArray();
  }
}
