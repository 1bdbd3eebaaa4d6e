package io.dreamworker.model.generation;

/**
 * How one image is generated.
 *
 * @param steps denoising steps (DreamLLM's default: 50)
 * @param guidanceScale classifier-free guidance scale; 1 or less runs the conditional pass only
 *     (DreamLLM's default: 7.5)
 * @param negativePrompt the unconditional prompt of guidance (DreamLLM: the empty prompt)
 * @param seed fixes the initial latents and the sampler's noise of this image alone
 * @param scheduler the sampler: DreamLLM's DDPM (the bundle's default), DDIM or DPM-Solver++ (2M)
 * @param size the image's side in pixels; 0 for the bundle's native size (a multiple of the
 *     VAE's downsampling factor, such as 8 for Stable Diffusion)
 */
public record ImageParams(int steps, double guidanceScale, String negativePrompt, long seed,
    SchedulerFamily scheduler, int size) {

  /** The bundle's defaults for a seed: DreamLLM's DDPM sampling at its usual settings. */
  public static ImageParams defaults(long seed) {
    return new ImageParams(50, 7.5, "", seed, SchedulerFamily.DEFAULT, 0);
  }

  /** As {@link #ImageParams(int, double, String, long, SchedulerFamily, int)} with the bundle's sampler and size. */
  public ImageParams(int steps, double guidanceScale, String negativePrompt, long seed) {
    this(steps, guidanceScale, negativePrompt, seed, SchedulerFamily.DEFAULT, 0);
  }

  public ImageParams {
    if (steps < 1 || steps > 1000) {
      throw new IllegalArgumentException("steps must be in [1, 1000], got " + steps);
    }
    if (!(guidanceScale >= 0) || Double.isInfinite(guidanceScale)) {
      throw new IllegalArgumentException("guidance_scale must be finite and not negative, got " + guidanceScale);
    }
    if (negativePrompt == null) {
      throw new IllegalArgumentException("negative_prompt must not be null (use \"\" for none)");
    }
    if (scheduler == null) {
      throw new IllegalArgumentException("scheduler must not be null (use DEFAULT for the bundle's)");
    }
    if (size < 0 || size > 4096) {
      throw new IllegalArgumentException("size must be 0 (the bundle's) or a side in pixels up to 4096, got " + size);
    }
  }

  /** Whether the unconditional pass runs (diffusers: {@code guidance_scale > 1}). */
  public boolean guided() {
    return guidanceScale > 1;
  }

  /** The same parameters for the image after this one in a document: the next seed. */
  public ImageParams next() {
    return new ImageParams(steps, guidanceScale, negativePrompt, seed + 1, scheduler, size);
  }
}
