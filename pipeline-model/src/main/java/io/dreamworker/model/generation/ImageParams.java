package io.dreamworker.model.generation;

/**
 * How one image is generated.
 *
 * @param steps denoising steps (DreamLLM's default: 50)
 * @param guidanceScale classifier-free guidance scale; 1 or less runs the conditional pass only
 *     (DreamLLM's default: 7.5)
 * @param negativePrompt the unconditional prompt of guidance (DreamLLM: the empty prompt)
 * @param seed fixes the initial latents and the sampler's noise of this image alone
 */
public record ImageParams(int steps, double guidanceScale, String negativePrompt, long seed) {

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
  }

  /** Whether the unconditional pass runs (diffusers: {@code guidance_scale > 1}). */
  public boolean guided() {
    return guidanceScale > 1;
  }

  /** The same parameters for the image after this one in a document: the next seed. */
  public ImageParams next() {
    return new ImageParams(steps, guidanceScale, negativePrompt, seed + 1);
  }
}
