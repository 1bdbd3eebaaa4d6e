package io.dreamworker.model.diffusion.vae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dreamworker.model.diffusion.SyntheticWeights;
import java.util.List;
import java.util.Map;

/** Configs no fixture covers, and random weights for them under diffusers' AutoencoderKL names. */
final class SyntheticVae {
  private SyntheticVae() {}

  static VaeConfig config(String json) {
    try {
      return VaeConfig.fromJson(new ObjectMapper().readTree(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Three levels of two resnets each (the decoder's have three). */
  static VaeConfig threeLevelsTwoLayers() {
    return config("""
        {"_class_name": "AutoencoderKL", "block_out_channels": [8, 16, 16], "layers_per_block": 2,
         "down_block_types": ["DownEncoderBlock2D", "DownEncoderBlock2D", "DownEncoderBlock2D"],
         "up_block_types": ["UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D"],
         "latent_channels": 4, "norm_num_groups": 4}
        """);
  }

  static Map<String, NDArray> weights(VaeConfig c, NDManager manager, long seed) {
    SyntheticWeights w = new SyntheticWeights(manager, seed);
    List<Integer> ch = c.blockOutChannels();
    int levels = ch.size();
    int bottom = ch.get(levels - 1);
    long z = c.latentChannels();
    w.conv("encoder.conv_in", c.inChannels(), ch.get(0), 3);
    int out = ch.get(0);
    for (int i = 0; i < levels; i++) {
      int in = out;
      out = ch.get(i);
      for (int j = 0; j < c.layersPerBlock(); j++) {
        w.resnet("encoder.down_blocks." + i + ".resnets." + j, j == 0 ? in : out, out, 0);
      }
      if (i < levels - 1) {
        w.conv("encoder.down_blocks." + i + ".downsamplers.0.conv", out, out, 3);
      }
    }
    mid(w, c, "encoder.mid_block", bottom);
    w.norm("encoder.conv_norm_out", bottom);
    w.conv("encoder.conv_out", bottom, 2 * z, 3);
    if (c.useQuantConv()) {
      w.conv("quant_conv", 2 * z, 2 * z, 1);
    }
    if (c.usePostQuantConv()) {
      w.conv("post_quant_conv", z, z, 1);
    }
    w.conv("decoder.conv_in", z, bottom, 3);
    mid(w, c, "decoder.mid_block", bottom);
    out = bottom;
    for (int i = 0; i < levels; i++) {
      int in = out;
      out = ch.get(levels - 1 - i);
      for (int j = 0; j < c.layersPerBlock() + 1; j++) {
        w.resnet("decoder.up_blocks." + i + ".resnets." + j, j == 0 ? in : out, out, 0);
      }
      if (i < levels - 1) {
        w.conv("decoder.up_blocks." + i + ".upsamplers.0.conv", out, out, 3);
      }
    }
    w.norm("decoder.conv_norm_out", ch.get(0));
    w.conv("decoder.conv_out", ch.get(0), c.outChannels(), 3);
    return w.tensors();
  }

  private static void mid(SyntheticWeights w, VaeConfig c, String module, int channels) {
    w.resnet(module + ".resnets.0", channels, channels, 0);
    if (c.midBlockAddAttention()) {
      w.norm(module + ".attentions.0.group_norm", channels);
      w.attention(module + ".attentions.0", channels, channels, true);
    }
    w.resnet(module + ".resnets.1", channels, channels, 0);
  }
}
