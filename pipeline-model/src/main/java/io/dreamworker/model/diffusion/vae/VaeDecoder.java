package io.dreamworker.model.diffusion.vae;

import ai.djl.ndarray.NDArray;
import io.dreamworker.model.diffusion.Conv2d;
import io.dreamworker.model.diffusion.GroupNorm;
import io.dreamworker.model.diffusion.ResnetBlock2D;
import io.dreamworker.model.diffusion.Scoped;
import io.dreamworker.model.diffusion.Upsample2D;
import io.dreamworker.model.nn.Activation;
import io.dreamworker.model.weights.Weights;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * diffusers {@code Decoder} (group norm variant): {@code conv_in} to the deepest width, the mid
 * block, one {@code UpDecoderBlock2D} per level from the deepest ({@code layers_per_block + 1}
 * resnets, then, except on the last level, nearest 2x upsampling and a 3x3 convolution), group
 * norm, SiLU, and {@code conv_out} to image channels.
 */
public final class VaeDecoder {
  private final Conv2d convIn;
  private final VaeMidBlock midBlock;
  private final List<List<ResnetBlock2D>> levels;
  private final List<Upsample2D> upsamplers;
  private final GroupNorm convNormOut;
  private final Conv2d convOut;

  private VaeDecoder(
      Conv2d convIn, VaeMidBlock midBlock, List<List<ResnetBlock2D>> levels, List<Upsample2D> upsamplers,
      GroupNorm convNormOut, Conv2d convOut) {
    this.convIn = convIn;
    this.midBlock = midBlock;
    this.levels = levels;
    this.upsamplers = upsamplers;
    this.convNormOut = convNormOut;
    this.convOut = convOut;
  }

  /** Loads the tensors under {@code w} ({@code decoder.} in an AutoencoderKL checkpoint). */
  public static VaeDecoder load(VaeConfig config, Weights w) {
    List<Integer> ch = config.blockOutChannels();
    int groups = config.normNumGroups();
    float eps = VaeEncoder.EPS;
    int bottom = ch.get(ch.size() - 1);
    Conv2d convIn = Conv2d.loadSame(w, "conv_in", config.latentChannels(), bottom, 3);
    VaeMidBlock mid = VaeMidBlock.load(w, "mid_block", bottom, groups, eps, config.act(), config.midBlockAddAttention());
    List<List<ResnetBlock2D>> levels = new ArrayList<>();
    List<Upsample2D> upsamplers = new ArrayList<>();
    int out = bottom;
    for (int i = 0; i < config.levels(); i++) {
      int in = out;
      out = ch.get(ch.size() - 1 - i);
      String prefix = "up_blocks." + i;
      List<ResnetBlock2D> resnets = new ArrayList<>();
      for (int j = 0; j < config.layersPerBlock() + 1; j++) {
        resnets.add(ResnetBlock2D.load(w, prefix + ".resnets." + j, j == 0 ? in : out, out, 0, groups, eps,
            config.act(), 1f));
      }
      levels.add(List.copyOf(resnets));
      upsamplers.add(i < config.levels() - 1 ? Upsample2D.load(w, prefix + ".upsamplers.0", out) : null);
    }
    return new VaeDecoder(
        convIn,
        mid,
        List.copyOf(levels),
        Collections.unmodifiableList(upsamplers),
        GroupNorm.load(w, "conv_norm_out", ch.get(0), groups, eps),
        Conv2d.loadSame(w, "conv_out", ch.get(0), config.outChannels(), 3));
  }

  /** [B, latent_channels, h, w] (after {@code post_quant_conv}) → [B, out_channels, h * f, w * f]. */
  public NDArray apply(NDArray latents) {
    return Scoped.compute(() -> {
      NDArray h = midBlock.apply(convIn.apply(latents));
      for (int i = 0; i < levels.size(); i++) {
        for (ResnetBlock2D resnet : levels.get(i)) {
          h = resnet.apply(h, null);
        }
        if (upsamplers.get(i) != null) {
          h = upsamplers.get(i).apply(h);
        }
      }
      return convOut.apply(Activation.SILU.apply(convNormOut.apply(h)));
    });
  }
}
