package io.dreamworker.model.diffusion.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.diffusion.Scoped;
import io.dreamworker.model.nn.Scalars;
import java.util.SplittableRandom;

/**
 * diffusers {@code DiagonalGaussianDistribution}: the encoder's diagonal Gaussian over latents,
 * with the log-variance clamped to [-30, 20] as the reference does. Latents here are raw: a
 * pipeline multiplies them by {@link VaeConfig#scalingFactor()} before diffusion.
 *
 * @param mean [B, latent_channels, h, w]
 * @param logvar [B, latent_channels, h, w], clamped
 */
public record LatentDistribution(NDArray mean, NDArray logvar) {

  /**
   * Splits the encoder's moments [B, 2 * latent_channels, h, w] into mean and clamped log-variance.
   */
  public static LatentDistribution fromMoments(NDArray moments) {
    long channels = moments.getShape().get(1);
    if (channels % 2 != 0) {
      throw new IllegalArgumentException("moments need an even channel count, got shape " + moments.getShape());
    }
    var halves = moments.split(2, 1);
    return new LatentDistribution(halves.get(0), halves.get(1).clip(-30f, 20f));
  }

  /** The standard deviation, {@code exp(logvar / 2)}. */
  public NDArray std() {
    return Scalars.mul(logvar, 0.5f).exp();
  }

  /** The most likely latents (the reference's {@code mode()}). */
  public NDArray mode() {
    return mean;
  }

  /**
   * A draw {@code mean + std * noise}.
   *
   * @param noise standard normal noise shaped like {@link #mean()}
   */
  public NDArray sample(NDArray noise) {
    if (!noise.getShape().equals(mean.getShape())) {
      throw new IllegalArgumentException(
          "noise has shape " + noise.getShape() + " but the latents are " + mean.getShape());
    }
    return Scoped.compute(() -> mean.add(std().mul(noise)));
  }

  /**
   * A draw with noise from a seeded generator, so the same seed always gives the same latents
   * (independent of DJL's global random state).
   */
  public NDArray sample(long seed) {
    Shape shape = mean.getShape();
    SplittableRandom random = new SplittableRandom(seed);
    float[] values = new float[Math.toIntExact(shape.size())];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) gaussian(random);
    }
    // The noise is copied into engine-owned memory: a Java-backed array closed by the scope would
    // be read again by a backward pass through the product (see Scalars).
    return Scoped.compute(() -> sample(mean.getManager().create(values, shape).duplicate()));
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller spelled out, so that the sequence for a seed is fixed by this code rather than
    // by the JDK's unspecified nextGaussian algorithm.
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
