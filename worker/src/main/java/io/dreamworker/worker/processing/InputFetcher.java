package io.dreamworker.worker.processing;

import io.dreamworker.schemas.ImageInput;

/**
 * Reads a job's input image. Blocking (it may retry with backoff), so it is only called off the
 * consumer and engine threads.
 */
@FunctionalInterface
public interface InputFetcher {
  /**
   * The image's bytes.
   *
   * @throws JobFailure rejected for inputs that can never be read (not allowed, missing, too large),
   *     failed when reading kept failing after every retry
   */
  byte[] fetch(ImageInput input);
}
