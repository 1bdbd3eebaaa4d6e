package io.dreamworker.model.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * diffusers {@code Timesteps} / {@code get_timestep_embedding}: the DDPM sinusoidal embedding of
 * one (possibly fractional) timestep per sample, with frequencies
 * {@code exp(-ln(10000) * i / (half - freq_shift))} for {@code i < half = dim / 2}, giving
 * {@code [sin, cos]} or, with {@code flip_sin_to_cos}, {@code [cos, sin]}, zero-padded to an odd
 * {@code dim}. The float32 operations run in the reference's order so that large timesteps
 * (whose arguments to sin/cos reach 1000) round the same way.
 *
 * @param dim the embedding width
 * @param flipSinToCos put the cosines first
 * @param freqShift {@code downscale_freq_shift}
 */
public record SinusoidalTimestepEmbedding(int dim, boolean flipSinToCos, float freqShift) {

  private static final double MAX_PERIOD = 10000;

  public SinusoidalTimestepEmbedding {
    if (dim < 2) {
      throw new IllegalArgumentException("timestep embedding width must be at least 2, got " + dim);
    }
  }

  /**
   * @param timesteps [B], any numeric type; each sample may be at its own timestep
   * @return [B, dim] float32
   */
  public NDArray apply(NDArray timesteps) {
    if (timesteps.getShape().dimension() != 1) {
      throw new IllegalArgumentException("timesteps must be [B], got shape " + timesteps.getShape());
    }
    return Scoped.compute(() -> {
      NDManager manager = timesteps.getManager();
      int half = dim / 2;
      NDArray exponent = manager.arange(0f, (float) half, 1f, DataType.FLOAT32)
          .mul((float) -Math.log(MAX_PERIOD))
          .div(half - freqShift);
      NDArray frequencies = exponent.exp();
      long batch = timesteps.getShape().get(0);
      NDArray args = timesteps.toType(DataType.FLOAT32, false).reshape(batch, 1).mul(frequencies.reshape(1, half));
      NDArray sin = args.sin();
      NDArray cos = args.cos();
      NDArray emb = flipSinToCos ? cos.concat(sin, 1) : sin.concat(cos, 1);
      if (dim % 2 == 1) {
        emb = emb.concat(manager.zeros(new Shape(batch, 1)), 1);
      }
      return emb;
    });
  }
}
