package io.dreamworker.model.diffusion.scheduler;

import java.util.Locale;

/**
 * The {@code beta_schedule} values of diffusers' DDPM, DDIM and DPM-Solver schedulers that this
 * package supports, with the reference's float32 arithmetic (see {@link NoiseSchedule}).
 */
public enum BetaSchedule {
  /** {@code torch.linspace(beta_start, beta_end, T, dtype=float32)}. */
  LINEAR("linear"),
  /** {@code torch.linspace(beta_start**0.5, beta_end**0.5, T, dtype=float32) ** 2}, Stable Diffusion's. */
  SCALED_LINEAR("scaled_linear"),
  /** GLIDE's cosine schedule, {@code betas_for_alpha_bar(T)} with {@code max_beta = 0.999}. */
  SQUAREDCOS_CAP_V2("squaredcos_cap_v2");

  private final String configName;

  BetaSchedule(String configName) {
    this.configName = configName;
  }

  /** The name config.json uses. */
  public String configName() {
    return configName;
  }

  /**
   * The schedule a config names.
   *
   * @throws IllegalArgumentException naming the value and the supported ones
   */
  public static BetaSchedule fromConfig(String name) {
    for (BetaSchedule s : values()) {
      if (s.configName.equals(name.toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unsupported beta_schedule '" + name + "' (supported: linear, scaled_linear, squaredcos_cap_v2;"
            + " or give the betas themselves in trained_betas)");
  }
}
