package io.dreamworker.model.diffusion.scheduler;

/** What the denoising model predicts: diffusers' {@code prediction_type}. */
public enum PredictionType {
  /** The noise that was added. */
  EPSILON("epsilon"),
  /** The clean sample x0 itself. */
  SAMPLE("sample"),
  /** {@code v = sqrt(a) * noise - sqrt(1 - a) * x0} (Imagen Video, section 2.4); SD 2.1 768 uses it. */
  V_PREDICTION("v_prediction");

  private final String configName;

  PredictionType(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  /**
   * The prediction type a config names.
   *
   * @throws IllegalArgumentException naming the value and the supported ones
   */
  public static PredictionType fromConfig(String name) {
    for (PredictionType p : values()) {
      if (p.configName.equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unsupported prediction_type '" + name + "' (supported: epsilon, sample, v_prediction)");
  }
}
