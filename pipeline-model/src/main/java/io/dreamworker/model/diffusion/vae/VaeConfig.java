package io.dreamworker.model.diffusion.vae;

import com.fasterxml.jackson.databind.JsonNode;
import io.dreamworker.model.diffusion.DiffusersConfig;
import io.dreamworker.model.nn.Activation;
import java.nio.file.Path;
import java.util.List;

/**
 * The fields of diffusers' {@code AutoencoderKL} config.json, under the reference's names and
 * with its defaults. Stable Diffusion's VAE is {@code block_out_channels=[128, 256, 512, 512]},
 * {@code layers_per_block=2}, {@code latent_channels=4}, {@code scaling_factor=0.18215}.
 *
 * <p>{@code force_upcast} only matters in half precision and {@code sample_size} only for tiled
 * decoding, so both are ignored. {@code latents_mean} / {@code latents_std} are applied by some
 * pipelines outside the model; they are rejected so that a VAE needing them is not silently used
 * without them.
 *
 * @param inChannels {@code in_channels} (3): image channels
 * @param outChannels {@code out_channels} (3): decoded image channels
 * @param blockOutChannels {@code block_out_channels} ([64]): per encoder level; the decoder uses
 *     them reversed
 * @param layersPerBlock {@code layers_per_block} (1): resnets per encoder level; decoder levels
 *     have one more
 * @param act {@code act_fn} ("silu") for the resnets
 * @param latentChannels {@code latent_channels} (4)
 * @param normNumGroups {@code norm_num_groups} (32)
 * @param scalingFactor {@code scaling_factor} (0.18215): pipelines multiply encoded latents by it
 *     and divide latents by it before decoding
 * @param shiftFactor {@code shift_factor} (0 when null): pipelines subtract it before scaling
 *     and add it back after unscaling
 * @param useQuantConv {@code use_quant_conv} (true)
 * @param usePostQuantConv {@code use_post_quant_conv} (true)
 * @param midBlockAddAttention {@code mid_block_add_attention} (true)
 */
public record VaeConfig(
    int inChannels,
    int outChannels,
    List<Integer> blockOutChannels,
    int layersPerBlock,
    Activation act,
    int latentChannels,
    int normNumGroups,
    double scalingFactor,
    double shiftFactor,
    boolean useQuantConv,
    boolean usePostQuantConv,
    boolean midBlockAddAttention) {

  static final String OWNER = "AutoencoderKL";
  private static final String DOWN = "DownEncoderBlock2D";
  private static final String UP = "UpDecoderBlock2D";

  public VaeConfig {
    blockOutChannels = List.copyOf(blockOutChannels);
  }

  /** Reads and validates a {@code config.json}. */
  public static VaeConfig read(Path configJson) {
    return fromJson(DiffusersConfig.readJson(configJson));
  }

  /**
   * Parses and validates a config.
   *
   * @throws IllegalArgumentException naming the field, its value and the supported values
   */
  public static VaeConfig fromJson(JsonNode json) {
    DiffusersConfig c = new DiffusersConfig(json, OWNER);
    String className = c.string("_class_name", OWNER);
    if (!className.equals(OWNER)) {
      throw c.unsupported("_class_name", className, OWNER);
    }
    List<Integer> channels = c.positiveInts("block_out_channels", List.of(64));
    int levels = channels.size();
    List<String> down = c.strings("down_block_types", List.of(DOWN));
    List<String> up = c.strings("up_block_types", List.of(UP));
    for (String t : down) {
      if (!t.equals(DOWN)) {
        throw c.unsupported("down_block_types", t, DOWN);
      }
    }
    for (String t : up) {
      if (!t.equals(UP)) {
        throw c.unsupported("up_block_types", t, UP);
      }
    }
    if (down.size() != levels || up.size() != levels) {
      throw new IllegalArgumentException(OWNER + " config has " + levels + " block_out_channels, "
          + down.size() + " down_block_types and " + up.size() + " up_block_types: they must have the same length");
    }
    if (!c.isNull("layers_per_block") && json.get("layers_per_block").isArray()) {
      throw c.unsupported("layers_per_block", json.get("layers_per_block"), "one integer (the VAE has no per-level list)");
    }
    int layers = c.integer("layers_per_block", 1);
    if (layers <= 0) {
      throw c.unsupported("layers_per_block", layers, "a positive integer");
    }
    int groups = c.integer("norm_num_groups", 32);
    for (int ch : channels) {
      if (groups <= 0 || ch % groups != 0) {
        throw new IllegalArgumentException(OWNER + " config field 'norm_num_groups' = " + groups
            + " does not divide block_out_channels entry " + ch + ": group norm needs it to divide every channel count");
      }
    }
    c.requireNull("latents_mean", "per-channel latent normalisation applied by pipelines");
    c.requireNull("latents_std", "per-channel latent normalisation applied by pipelines");
    String actName = c.string("act_fn", "silu");
    Activation act;
    try {
      act = Activation.fromConfig(actName);
    } catch (IllegalArgumentException e) {
      throw c.unsupported("act_fn", actName, "silu, swish, gelu, relu");
    }
    double scaling = c.number("scaling_factor", 0.18215);
    if (!(scaling > 0)) {
      throw c.unsupported("scaling_factor", scaling, "a positive number");
    }
    return new VaeConfig(
        c.integer("in_channels", 3),
        c.integer("out_channels", 3),
        channels,
        layers,
        act,
        c.integer("latent_channels", 4),
        groups,
        scaling,
        c.number("shift_factor", 0),
        c.bool("use_quant_conv", true),
        c.bool("use_post_quant_conv", true),
        c.bool("mid_block_add_attention", true));
  }

  public int levels() {
    return blockOutChannels.size();
  }

  /** The spatial reduction from image to latents, {@code 2^(levels - 1)} (8 for SD). */
  public int downsamplingFactor() {
    return 1 << (levels() - 1);
  }
}
