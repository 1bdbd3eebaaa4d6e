package io.dreamworker.model.diffusion.scheduler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Where one request's variance noise comes from. Each request owns its source, so the noise it
 * receives depends only on its own draws, never on which other requests share its batch.
 * Implementations need not be thread-safe: a request is stepped by one thread at a time.
 */
public interface NoiseSource {

  /** The next draw of standard normal noise, float32, of {@code shape}, created in {@code manager}. */
  NDArray next(NDManager manager, Shape shape);

  /** A source for schedulers that never draw (DDIM with eta 0, DPM-Solver++): fails if asked. */
  static NoiseSource none() {
    return (manager, shape) -> {
      throw new IllegalStateException(
          "this request was started without a noise source, but its scheduler step draws noise"
              + " (DDPM, or DDIM with eta > 0): start it with a SeededNoise");
    };
  }
}
