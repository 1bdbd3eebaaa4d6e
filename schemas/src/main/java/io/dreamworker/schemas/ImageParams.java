package io.dreamworker.schemas;

/**
 * How each generated image is made (schema: common {@code imageParams}); mirrors pipeline-model's
 * {@code ImageParams}. The n-th image of a document uses {@code seed + n}.
 *
 * @param steps denoising steps, 1..1000 (default 50)
 * @param guidanceScale classifier-free guidance, not negative (default 7.5)
 * @param negativePrompt the unconditional prompt (default "")
 * @param seed fixes the latents and the sampler's noise (default 0)
 * @param scheduler the sampler (default: the bundle's)
 * @param size the image side in pixels, 0..4096; 0 for the bundle's native size (default 0)
 */
public record ImageParams(int steps, double guidanceScale, String negativePrompt, long seed, Scheduler scheduler,
    int size) {

  /** The schema's {@code default} values. */
  public static final ImageParams DEFAULTS = new ImageParams(50, 7.5, "", 0, Scheduler.DEFAULT, 0);

  public ImageParams {
    if (negativePrompt == null) {
      throw new IllegalArgumentException("negative_prompt must not be null (use \"\" for none)");
    }
    if (scheduler == null) {
      throw new IllegalArgumentException("scheduler must not be null (use Scheduler.DEFAULT for the bundle's)");
    }
  }

  /** The defaults with another seed. */
  public static ImageParams seeded(long seed) {
    return new ImageParams(50, 7.5, "", seed, Scheduler.DEFAULT, 0);
  }
}
