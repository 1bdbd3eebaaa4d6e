package io.dreamworker.model.diffusion.scheduler;

/**
 * One denoising step of any of the three schedulers as a linear update, so that one tensor routine
 * (and one batched routine, with each row's coefficients gathered into a [B, 1, 1, 1] tensor) serves
 * them all:
 *
 * <pre>
 *   x0   = clip(x0FromSample * sample + x0FromOutput * output, ±clipRange)
 *   prev = prevFromSample * sample + prevFromOutput * output + prevFromX0 * x0
 *        + prevFromPreviousX0 * previousX0 + noiseScale * noise
 * </pre>
 *
 * where {@code output} is the model output at this step and {@code previousX0} the x0 kept from the
 * request's previous step (DPM-Solver's second-order term).
 *
 * @param timestep the training timestep the model is evaluated at
 * @param clipRange {@code clip_sample_range}, or {@code +inf} when x0 is not clipped
 * @param drawsNoise whether this step consumes one noise draw (even if {@code noiseScale} is tiny),
 *     which keeps a request's noise sequence identical to the reference's
 * @param keepsX0 whether the next step needs this step's x0
 */
public record StepCoefficients(
    int timestep,
    double x0FromSample,
    double x0FromOutput,
    double clipRange,
    double prevFromSample,
    double prevFromOutput,
    double prevFromX0,
    double prevFromPreviousX0,
    double noiseScale,
    boolean drawsNoise,
    boolean keepsX0) {

  public boolean clips() {
    return clipRange != Double.POSITIVE_INFINITY;
  }

  /** Whether x0 must exist as a tensor (clipped, or kept for the next step). */
  public boolean needsX0() {
    return clips() || keepsX0;
  }

  public boolean usesPreviousX0() {
    return prevFromPreviousX0 != 0;
  }

  /** The coefficient of {@code sample} with the x0 term folded in (valid when x0 is not clipped). */
  public double foldedSample() {
    return prevFromSample + (prevFromX0 == 0 ? 0 : prevFromX0 * x0FromSample);
  }

  /** The coefficient of {@code output} with the x0 term folded in (valid when x0 is not clipped). */
  public double foldedOutput() {
    return prevFromOutput + (prevFromX0 == 0 ? 0 : prevFromX0 * x0FromOutput);
  }

  /** x0 as the reference computes it from a prediction: {@code (a, b)} with {@code x0 = a s + b o}. */
  static double[] x0From(PredictionType type, double sqrtAlpha, double sqrtOneMinusAlpha) {
    return switch (type) {
      case EPSILON -> new double[] {1 / sqrtAlpha, -sqrtOneMinusAlpha / sqrtAlpha};
      case SAMPLE -> new double[] {0, 1};
      case V_PREDICTION -> new double[] {sqrtAlpha, -sqrtOneMinusAlpha};
    };
  }
}
