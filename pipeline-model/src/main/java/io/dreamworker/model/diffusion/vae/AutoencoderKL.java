package io.dreamworker.model.diffusion.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import io.dreamworker.model.diffusion.Conv2d;
import io.dreamworker.model.weights.Weights;

/**
 * Stable Diffusion's image autoencoder, diffusers {@code AutoencoderKL}: {@link #encode} maps
 * images in [-1, 1] to a {@link LatentDistribution} over latents {@code 2^(levels-1)} times
 * smaller, {@link #decode} maps latents back to images in (roughly) [-1, 1].
 *
 * <p>Latents in and out are raw: the diffusion pipeline works on {@code raw * scaling_factor}, so
 * it multiplies encoded latents by {@link #scalingFactor()} and divides denoised latents by it
 * before {@link #decode}.
 *
 * <p>Weights load under the reference's names ({@code encoder.*}, {@code decoder.*},
 * {@code quant_conv}, {@code post_quant_conv}). Immutable and thread-safe once loaded.
 */
public final class AutoencoderKL {
  private final VaeConfig config;
  private final VaeEncoder encoder;
  private final VaeDecoder decoder;
  private final Conv2d quantConv;
  private final Conv2d postQuantConv;

  private AutoencoderKL(VaeConfig config, VaeEncoder encoder, VaeDecoder decoder, Conv2d quantConv, Conv2d postQuantConv) {
    this.config = config;
    this.encoder = encoder;
    this.decoder = decoder;
    this.quantConv = quantConv;
    this.postQuantConv = postQuantConv;
  }

  /**
   * Builds the autoencoder and loads its weights; the arrays live in the weights' manager.
   *
   * @throws io.dreamworker.model.weights.WeightsException naming a missing or misshapen tensor
   */
  public static AutoencoderKL load(VaeConfig config, Weights w) {
    long z = config.latentChannels();
    return new AutoencoderKL(
        config,
        VaeEncoder.load(config, w.child("encoder")),
        VaeDecoder.load(config, w.child("decoder")),
        config.useQuantConv() ? Conv2d.loadSame(w, "quant_conv", 2 * z, 2 * z, 1) : null,
        config.usePostQuantConv() ? Conv2d.loadSame(w, "post_quant_conv", z, z, 1) : null);
  }

  /**
   * Loads only the decoder half (and {@code post_quant_conv}), for serving text-to-image, which
   * never encodes. {@link #encode} then fails.
   */
  public static AutoencoderKL loadDecoder(VaeConfig config, Weights w) {
    long z = config.latentChannels();
    return new AutoencoderKL(
        config,
        null,
        VaeDecoder.load(config, w.child("decoder")),
        null,
        config.usePostQuantConv() ? Conv2d.loadSame(w, "post_quant_conv", z, z, 1) : null);
  }

  public VaeConfig config() {
    return config;
  }

  /** The factor between raw latents and the diffusion model's latents ({@code scaling_factor}). */
  public double scalingFactor() {
    return config.scalingFactor();
  }

  /**
   * @param image [B, in_channels, H, W] in [-1, 1]
   * @return the latent distribution, [B, latent_channels, H / f, W / f] each, in the image's manager
   */
  public LatentDistribution encode(NDArray image) {
    if (encoder == null) {
      throw new IllegalStateException("this AutoencoderKL was loaded without its encoder (loadDecoder)");
    }
    checkChannels("image", image, config.inChannels());
    NDList parts;
    try (NDScope scope = new NDScope()) {
      NDArray moments = encoder.apply(image);
      if (quantConv != null) {
        moments = quantConv.apply(moments);
      }
      LatentDistribution d = LatentDistribution.fromMoments(moments);
      parts = new NDList(d.mean(), d.logvar());
      NDScope.unregister(parts);
    }
    return new LatentDistribution(parts.get(0), parts.get(1));
  }

  /**
   * @param latents [B, latent_channels, h, w] raw latents (already divided by
   *     {@link #scalingFactor()})
   * @return [B, out_channels, h * f, w * f], nominally in [-1, 1], in the latents' manager
   */
  public NDArray decode(NDArray latents) {
    checkChannels("latents", latents, config.latentChannels());
    NDArray result;
    try (NDScope scope = new NDScope()) {
      NDArray z = postQuantConv != null ? postQuantConv.apply(latents) : latents;
      result = decoder.apply(z);
      NDScope.unregister(result);
    }
    return result;
  }

  private static void checkChannels(String what, NDArray x, int channels) {
    if (x.getShape().dimension() != 4 || x.getShape().get(1) != channels) {
      throw new IllegalArgumentException(what + " must be [B, " + channels + ", H, W], got " + x.getShape());
    }
  }
}
