package io.dreamworker.model.diffusion.vae;

import ai.djl.ndarray.NDArray;
import io.dreamworker.model.diffusion.Conv2d;
import io.dreamworker.model.diffusion.Downsample2D;
import io.dreamworker.model.diffusion.GroupNorm;
import io.dreamworker.model.diffusion.ResnetBlock2D;
import io.dreamworker.model.diffusion.Scoped;
import io.dreamworker.model.nn.Activation;
import io.dreamworker.model.weights.Weights;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * diffusers {@code Encoder} with {@code double_z=True}: {@code conv_in}, one
 * {@code DownEncoderBlock2D} per level ({@code layers_per_block} resnets without time embedding,
 * then, except on the last level, a stride-2 downsampler with padding 0, i.e. zero-padded at the
 * bottom and right only), the mid block, group norm, SiLU, and {@code conv_out} to
 * {@code 2 * latent_channels} (mean and log-variance).
 */
public final class VaeEncoder {
  /** The reference hard-codes eps 1e-6 for every norm of the VAE. */
  static final float EPS = 1e-6f;

  private final Conv2d convIn;
  private final List<List<ResnetBlock2D>> levels;
  private final List<Downsample2D> downsamplers;
  private final VaeMidBlock midBlock;
  private final GroupNorm convNormOut;
  private final Conv2d convOut;

  private VaeEncoder(
      Conv2d convIn, List<List<ResnetBlock2D>> levels, List<Downsample2D> downsamplers, VaeMidBlock midBlock,
      GroupNorm convNormOut, Conv2d convOut) {
    this.convIn = convIn;
    this.levels = levels;
    this.downsamplers = downsamplers;
    this.midBlock = midBlock;
    this.convNormOut = convNormOut;
    this.convOut = convOut;
  }

  /** Loads the tensors under {@code w} ({@code encoder.} in an AutoencoderKL checkpoint). */
  public static VaeEncoder load(VaeConfig config, Weights w) {
    List<Integer> ch = config.blockOutChannels();
    int groups = config.normNumGroups();
    Conv2d convIn = Conv2d.loadSame(w, "conv_in", config.inChannels(), ch.get(0), 3);
    List<List<ResnetBlock2D>> levels = new ArrayList<>();
    List<Downsample2D> downsamplers = new ArrayList<>();
    int out = ch.get(0);
    for (int i = 0; i < config.levels(); i++) {
      int in = out;
      out = ch.get(i);
      String prefix = "down_blocks." + i;
      List<ResnetBlock2D> resnets = new ArrayList<>();
      for (int j = 0; j < config.layersPerBlock(); j++) {
        resnets.add(ResnetBlock2D.load(w, prefix + ".resnets." + j, j == 0 ? in : out, out, 0, groups, EPS,
            config.act(), 1f));
      }
      levels.add(List.copyOf(resnets));
      downsamplers.add(i < config.levels() - 1 ? Downsample2D.load(w, prefix + ".downsamplers.0", out, 0) : null);
    }
    int bottom = ch.get(ch.size() - 1);
    return new VaeEncoder(
        convIn,
        List.copyOf(levels),
        Collections.unmodifiableList(downsamplers),
        VaeMidBlock.load(w, "mid_block", bottom, groups, EPS, config.act(), config.midBlockAddAttention()),
        GroupNorm.load(w, "conv_norm_out", bottom, groups, EPS),
        Conv2d.loadSame(w, "conv_out", bottom, 2L * config.latentChannels(), 3));
  }

  /** [B, in_channels, H, W] → [B, 2 * latent_channels, H / f, W / f] (before {@code quant_conv}). */
  public NDArray apply(NDArray image) {
    return Scoped.compute(() -> {
      NDArray h = convIn.apply(image);
      for (int i = 0; i < levels.size(); i++) {
        for (ResnetBlock2D resnet : levels.get(i)) {
          h = resnet.apply(h, null);
        }
        if (downsamplers.get(i) != null) {
          h = downsamplers.get(i).apply(h);
        }
      }
      h = midBlock.apply(h);
      return convOut.apply(Activation.SILU.apply(convNormOut.apply(h)));
    });
  }
}
