package io.dreamworker.model.diffusion.scheduler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Standard normal noise from a per-request seeded generator ({@link SplittableRandom}): the same
 * seed gives the same draws in the same order, whether the request is stepped alone or in a batch.
 * (It does not reproduce torch's generator, so a seed here does not give diffusers' image.)
 */
public final class SeededNoise implements NoiseSource {
  private final SplittableRandom random;

  public SeededNoise(long seed) {
    this.random = new SplittableRandom(seed);
  }

  @Override
  public NDArray next(NDManager manager, Shape shape) {
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return manager.create(values, shape);
  }
}
