package io.dreamworker.model.diffusion.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dreamworker.model.diffusion.SyntheticWeights;
import java.util.List;
import java.util.Map;

/** Configs no fixture covers, and random weights for them under diffusers' UNet names. */
final class SyntheticUNet {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SyntheticUNet() {}

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * Three levels, SD 1.x-style 1x1-conv projections, two cross-attention levels with different
   * head counts and two transformer layers, per-level resnet counts, and a plain last level.
   */
  static UNetConfig convProjectionThreeLevels() {
    return UNetConfig.fromJson(json("""
        {"_class_name": "UNet2DConditionModel",
         "in_channels": 4, "out_channels": 4,
         "down_block_types": ["CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"],
         "up_block_types": ["UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"],
         "block_out_channels": [8, 16, 24],
         "layers_per_block": [1, 2, 1],
         "attention_head_dim": [1, 4, 2],
         "transformer_layers_per_block": 2,
         "cross_attention_dim": 12,
         "norm_num_groups": 4,
         "use_linear_projection": false}
        """));
  }

  /** Random weights for any supported config, under the reference's names. */
  static Map<String, NDArray> weights(UNetConfig c, NDManager manager, long seed) {
    SyntheticWeights w = new SyntheticWeights(manager, seed);
    List<Integer> ch = c.blockOutChannels();
    int levels = c.levels();
    long temb = c.timeEmbeddingDim();
    boolean linear = c.useLinearProjection();
    w.conv("conv_in", c.inChannels(), ch.get(0), c.convInKernel());
    w.linear("time_embedding.linear_1", ch.get(0), temb, true);
    w.linear("time_embedding.linear_2", temb, temb, true);
    int out = ch.get(0);
    for (int i = 0; i < levels; i++) {
      int in = out;
      out = ch.get(i);
      for (int j = 0; j < c.layers().get(i); j++) {
        w.resnet("down_blocks." + i + ".resnets." + j, j == 0 ? in : out, out, temb);
        if (c.downBlockTypes().get(i).equals("CrossAttnDownBlock2D")) {
          w.transformer("down_blocks." + i + ".attentions." + j, out, c.transformerLayers().get(i),
              c.crossAttentionDim().get(i), linear);
        }
      }
      if (i < levels - 1) {
        w.conv("down_blocks." + i + ".downsamplers.0.conv", out, out, 3);
      }
    }
    int bottom = ch.get(levels - 1);
    w.resnet("mid_block.resnets.0", bottom, bottom, temb);
    w.transformer("mid_block.attentions.0", bottom, c.transformerLayers().get(levels - 1),
        c.crossAttentionDim().get(levels - 1), linear);
    w.resnet("mid_block.resnets.1", bottom, bottom, temb);
    // Skip widths in the order the down path produces them, consumed from the end.
    java.util.ArrayDeque<Integer> skips = new java.util.ArrayDeque<>();
    skips.push(ch.get(0));
    for (int i = 0; i < levels; i++) {
      for (int j = 0; j < c.layers().get(i); j++) {
        skips.push(ch.get(i));
      }
      if (i < levels - 1) {
        skips.push(ch.get(i));
      }
    }
    int width = bottom;
    for (int i = 0; i < levels; i++) {
      int mirrored = levels - 1 - i;
      int output = ch.get(mirrored);
      for (int j = 0; j < c.layers().get(mirrored) + 1; j++) {
        w.resnet("up_blocks." + i + ".resnets." + j, width + skips.pop(), output, temb);
        width = output;
        if (c.upBlockTypes().get(i).equals("CrossAttnUpBlock2D")) {
          w.transformer("up_blocks." + i + ".attentions." + j, output, c.transformerLayers().get(mirrored),
              c.crossAttentionDim().get(mirrored), linear);
        }
      }
      if (i < levels - 1) {
        w.conv("up_blocks." + i + ".upsamplers.0.conv", output, output, 3);
      }
    }
    w.norm("conv_norm_out", ch.get(0));
    w.conv("conv_out", ch.get(0), c.outChannels(), c.convOutKernel());
    return w.tensors();
  }
}
