package io.dreamworker.model.diffusion.scheduler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * The forward (noising) process of a {@link NoiseSchedule}: diffusers' {@code add_noise} and
 * {@code get_velocity}, with the factors {@code sqrt(a_t)} and {@code sqrt(1 - a_t)} in float32 per
 * row, broadcast over the other dimensions.
 */
final class ForwardDiffusion {
  private ForwardDiffusion() {}

  /** {@code sqrt(a_t) * original + sqrt(1 - a_t) * noise}. */
  static NDArray addNoise(NoiseSchedule schedule, NDArray original, NDArray noise, int... timesteps) {
    return combine(schedule, original, noise, timesteps, false);
  }

  /** {@code sqrt(a_t) * noise - sqrt(1 - a_t) * sample}. */
  static NDArray velocity(NoiseSchedule schedule, NDArray sample, NDArray noise, int... timesteps) {
    return combine(schedule, sample, noise, timesteps, true);
  }

  private static NDArray combine(NoiseSchedule schedule, NDArray x, NDArray noise, int[] timesteps, boolean velocity) {
    if (!x.getShape().equals(noise.getShape())) {
      throw new IllegalArgumentException("sample " + x.getShape() + " and noise " + noise.getShape() + " differ in shape");
    }
    Shape shape = x.getShape();
    if (shape.dimension() < 1 || (timesteps.length != 1 && timesteps.length != shape.get(0))) {
      throw new IllegalArgumentException(
          "need one timestep per row of " + shape + " (or one for all), got " + Arrays.toString(timesteps));
    }
    float[] signal = new float[timesteps.length];
    float[] noiseLevel = new float[timesteps.length];
    for (int i = 0; i < timesteps.length; i++) {
      int t = timesteps[i];
      if (t < 0 || t >= schedule.numTrainTimesteps()) {
        throw new IllegalArgumentException(
            "timestep " + t + " is outside [0, num_train_timesteps=" + schedule.numTrainTimesteps() + ")");
      }
      float a = schedule.alphaCumprod(t);
      signal[i] = (float) Math.sqrt(a);
      noiseLevel[i] = (float) Math.sqrt(1f - a);
    }
    long[] dims = new long[shape.dimension()];
    Arrays.fill(dims, 1);
    dims[0] = timesteps.length;
    NDArray result;
    try (NDScope scope = new NDScope()) {
      NDArray s = x.getManager().create(signal, new Shape(dims)).toType(x.getDataType(), false);
      NDArray n = x.getManager().create(noiseLevel, new Shape(dims)).toType(x.getDataType(), false);
      result = velocity ? noise.mul(s).sub(x.mul(n)) : x.mul(s).add(noise.mul(n));
      NDScope.unregister(result);
    }
    return result;
  }
}
