package io.dreamworker.schemas;

/**
 * The samplers a job may ask for, by their wire names; mirrors pipeline-model's
 * {@code SchedulerFamily} without depending on it.
 */
public enum Scheduler {
  /** The bundle's own scheduler (DreamLLM: DDPM). */
  DEFAULT("default"),
  DDPM("ddpm"),
  DDIM("ddim"),
  /** DPM-Solver++ (2M). */
  DPMPP_2M("dpmpp_2m");

  private final String wireName;

  Scheduler(String wireName) {
    this.wireName = wireName;
  }

  /** The name in job parameters. */
  public String wireName() {
    return wireName;
  }

  /** The scheduler of a wire name, or an exception listing the names. */
  public static Scheduler of(String wireName) {
    for (Scheduler s : values()) {
      if (s.wireName.equals(wireName)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scheduler '" + wireName + "' (schedulers: default, ddpm, ddim, dpmpp_2m)");
  }
}
