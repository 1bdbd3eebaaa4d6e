package io.dreamworker.model.engine.scheduling;

import java.util.Objects;

/**
 * What work must have in common to share one call at a grouped stage: the resolution and the
 * scheduler family for a denoising step, the resolution for a VAE decode. The scheduler compares
 * keys and never interprets them.
 *
 * @param value the key; empty for {@link #NONE}
 */
public record GroupKey(String value) {

  /** The key of work at stages that batch anything together. */
  public static final GroupKey NONE = new GroupKey("");

  public GroupKey {
    Objects.requireNonNull(value, "value");
  }

  /** The key of a denoising step: latents share a UNet call only at the same size and scheduler. */
  public static GroupKey diffusion(int widthPx, int heightPx, String schedulerFamily) {
    requireSize(widthPx, heightPx);
    if (schedulerFamily == null || schedulerFamily.isBlank()) {
      throw new IllegalArgumentException(
          "schedulerFamily must name the scheduler (ddim, ddpm, dpm++2m), got '" + schedulerFamily + "'");
    }
    return new GroupKey(widthPx + "x" + heightPx + " " + schedulerFamily);
  }

  /** The key of a VAE decode: latents share a decoder call only at the same size. */
  public static GroupKey resolution(int widthPx, int heightPx) {
    requireSize(widthPx, heightPx);
    return new GroupKey(widthPx + "x" + heightPx);
  }

  @Override
  public String toString() {
    return value.isEmpty() ? "none" : value;
  }

  private static void requireSize(int widthPx, int heightPx) {
    if (widthPx < 1 || heightPx < 1) {
      throw new IllegalArgumentException(
          "image size must be positive, got " + widthPx + "x" + heightPx + " px");
    }
  }
}
