package io.dreamworker.model.engine.scheduling;

/**
 * The stages a DreamLLM request passes through, one queue each. Every engine iteration runs one
 * batched call over work waiting at one stage.
 *
 * <p>A caption request runs VISION, PREFILL, then DECODE until it stops. A text-to-image request
 * runs PREFILL, DREAM, DIFFUSION (once per denoising step), VAE_DECODE and finishes. An
 * interleaved request decodes, and on every {@code <dream>} runs DREAM, DIFFUSION, VAE_DECODE,
 * then feeds the image back through VISION and PREFILL and continues decoding.
 */
public enum Stage {
  /** CLIP encoding of images; rows are images. */
  VISION(false, true),
  /** The LLM over a sequence's new positions (prompt, or a fed-back image span); a row is a sequence. */
  PREFILL(false, true),
  /** One token per running sequence; a row is a sequence. */
  DECODE(false, false),
  /** The dream-query pass; a row is a sequence, or the negative prompt of a guidance pair. */
  DREAM(false, false),
  /** One denoising step; a row is a latent, two with a guidance pair; only one group key per call. */
  DIFFUSION(true, false),
  /** Latents to pixels; a row is an image; only one resolution per call. */
  VAE_DECODE(true, false);

  private final boolean grouped;
  private final boolean entry;

  Stage(boolean grouped, boolean entry) {
    this.grouped = grouped;
    this.entry = entry;
  }

  /** Whether only work with the same {@link GroupKey} may share a call at this stage. */
  public boolean isGrouped() {
    return grouped;
  }

  /**
   * Whether a newly admitted request may start here. Only these stages receive work from outside
   * the engine, so only here can waiting for more work fill a batch while the device is idle.
   */
  public boolean isEntry() {
    return entry;
  }
}
