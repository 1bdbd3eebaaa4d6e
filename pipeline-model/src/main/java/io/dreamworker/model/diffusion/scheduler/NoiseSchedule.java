package io.dreamworker.model.diffusion.scheduler;

/**
 * The betas and cumulative alpha products of a training noise schedule, exactly as diffusers'
 * schedulers hold them: float32 tensors built with torch's float32 arithmetic ({@code
 * torch.linspace} in float32, {@code 1 - betas} in float32, and {@code torch.cumprod}, which on the
 * CPU accumulates in float64 and rounds each product to float32). Rounding that way matters near
 * t = 0, where {@code 1 - alphas_cumprod} is small and a float64 product would differ from the
 * reference's in the third digit.
 *
 * <p>Immutable; one instance serves every request of a scheduler.
 */
public final class NoiseSchedule {
  private final NoiseScheduleConfig config;
  private final float[] betas;
  private final float[] alphasCumprod;

  private NoiseSchedule(NoiseScheduleConfig config, float[] betas) {
    this.config = config;
    this.betas = betas;
    this.alphasCumprod = cumprod(betas);
  }

  /** The schedule a config describes. */
  public static NoiseSchedule of(NoiseScheduleConfig config) {
    float[] betas = baseBetas(config);
    if (config.rescaleBetasZeroSnr()) {
      betas = rescaleZeroTerminalSnr(betas);
    }
    return new NoiseSchedule(config, betas);
  }

  public NoiseScheduleConfig config() {
    return config;
  }

  public int numTrainTimesteps() {
    return betas.length;
  }

  /** {@code alphas_cumprod[t]}, the float32 value the reference uses. */
  public float alphaCumprod(int t) {
    return alphasCumprod[t];
  }

  public float beta(int t) {
    return betas[t];
  }

  /** A copy of {@code alphas_cumprod} [T]. */
  public float[] alphasCumprod() {
    return alphasCumprod.clone();
  }

  /** A copy of {@code betas} [T]. */
  public float[] betas() {
    return betas.clone();
  }

  private static float[] baseBetas(NoiseScheduleConfig c) {
    int n = c.numTrainTimesteps();
    float[] betas = new float[n];
    double[] trained = c.trainedBetas();
    if (trained != null) {
      for (int i = 0; i < n; i++) {
        betas[i] = (float) trained[i];
      }
      return betas;
    }
    switch (c.betaSchedule()) {
      case LINEAR -> betas = torchLinspace((float) c.betaStart(), (float) c.betaEnd(), n);
      case SCALED_LINEAR -> {
        betas = torchLinspace((float) Math.sqrt(c.betaStart()), (float) Math.sqrt(c.betaEnd()), n);
        for (int i = 0; i < n; i++) {
          betas[i] = betas[i] * betas[i];
        }
      }
      case SQUAREDCOS_CAP_V2 -> {
        // Python floats (float64), rounded to float32 by torch.tensor(betas, dtype=float32).
        for (int i = 0; i < n; i++) {
          double t1 = (double) i / n;
          double t2 = (double) (i + 1) / n;
          betas[i] = (float) Math.min(1 - cosineAlphaBar(t2) / cosineAlphaBar(t1), 0.999);
        }
      }
    }
    return betas;
  }

  private static double cosineAlphaBar(double t) {
    double c = Math.cos((t + 0.008) / 1.008 * Math.PI / 2);
    return c * c;
  }

  /**
   * torch's CPU float32 {@code linspace}: {@code start + step * i} for the first half and {@code
   * end - step * (steps - 1 - i)} for the second, in float32. (Its vectorised kernel can round an
   * entry one ulp differently; that is far below the schedulers' tolerance.)
   */
  static float[] torchLinspace(float start, float end, int steps) {
    float[] out = new float[steps];
    if (steps == 1) {
      out[0] = start;
      return out;
    }
    float step = (end - start) / (steps - 1);
    int halfway = steps / 2;
    for (int i = 0; i < steps; i++) {
      out[i] = i < halfway ? start + step * i : end - step * (steps - i - 1);
    }
    return out;
  }

  /** {@code torch.cumprod(1 - betas)} on the CPU: float64 accumulator, float32 outputs. */
  private static float[] cumprod(float[] betas) {
    float[] out = new float[betas.length];
    double acc = 1;
    for (int i = 0; i < betas.length; i++) {
      acc *= (1f - betas[i]);
      out[i] = (float) acc;
    }
    return out;
  }

  /** diffusers' {@code rescale_zero_terminal_snr} (arXiv 2305.08891, Algorithm 1), in float32. */
  private static float[] rescaleZeroTerminalSnr(float[] betas) {
    int n = betas.length;
    float[] sqrt = cumprod(betas);
    for (int i = 0; i < n; i++) {
      sqrt[i] = (float) Math.sqrt(sqrt[i]);
    }
    float first = sqrt[0];
    float last = sqrt[n - 1];
    float scale = first / (first - last);
    float[] alphaBar = new float[n];
    for (int i = 0; i < n; i++) {
      float shifted = (sqrt[i] - last) * scale;
      alphaBar[i] = shifted * shifted;
    }
    float[] out = new float[n];
    out[0] = 1f - alphaBar[0];
    for (int i = 1; i < n; i++) {
      out[i] = 1f - alphaBar[i] / alphaBar[i - 1];
    }
    return out;
  }
}
