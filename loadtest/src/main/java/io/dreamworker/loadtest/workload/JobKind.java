package io.dreamworker.loadtest.workload;

import java.util.Locale;

/** The kinds of job a workload mixes, named as the worker's metrics and events name them. */
public enum JobKind {
  /** An inline picture to describe: the vision tower and the LLM. */
  CAPTION,
  /** A prompt to draw: the LLM, the dream queries, the UNet and the VAE. */
  TEXT_TO_IMAGE,
  /** A prompt to write a story with pictures: everything, in a loop. */
  INTERLEAVED;

  /** {@code caption}, {@code text_to_image}, {@code interleaved}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
