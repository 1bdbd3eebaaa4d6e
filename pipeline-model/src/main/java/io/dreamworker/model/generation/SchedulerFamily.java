package io.dreamworker.model.generation;

import java.util.Locale;

/** The samplers a request may choose; all share the bundle's noise schedule. */
public enum SchedulerFamily {
  /** Whatever the bundle's scheduler config names (DreamLLM: DDPM). */
  DEFAULT("default", null),
  DDPM("ddpm", "DDPMScheduler"),
  DDIM("ddim", "DDIMScheduler"),
  /** DPM-Solver++ (2M), the fast sampler: good images in 20–25 steps. */
  DPM_SOLVER("dpmpp_2m", "DPMSolverMultistepScheduler");

  private final String wireName;
  private final String diffusersClass;

  SchedulerFamily(String wireName, String diffusersClass) {
    this.wireName = wireName;
    this.diffusersClass = diffusersClass;
  }

  /** The name in job parameters. */
  public String wireName() {
    return wireName;
  }

  /** diffusers' {@code _class_name}, or null for {@link #DEFAULT}. */
  public String diffusersClass() {
    return diffusersClass;
  }

  /** The family of a wire name, or an exception listing them. */
  public static SchedulerFamily of(String name) {
    for (SchedulerFamily f : values()) {
      if (f.wireName.equals(name.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown scheduler '" + name + "' (schedulers: default, ddpm, ddim, dpmpp_2m)");
  }
}
