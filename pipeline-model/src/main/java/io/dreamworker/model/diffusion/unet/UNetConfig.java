package io.dreamworker.model.diffusion.unet;

import com.fasterxml.jackson.databind.JsonNode;
import io.dreamworker.model.diffusion.DiffusersConfig;
import io.dreamworker.model.nn.Activation;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The fields of diffusers' {@code UNet2DConditionModel} config.json that the Stable Diffusion
 * (1.x / 2.x) layout family uses, under the reference's names and with its defaults (the defaults
 * are SD 1.x's: four levels of 320/640/1280/1280 channels, two resnets per level, eight heads).
 *
 * <p>Per-level lists ({@code layers}, {@code attentionHeads}, ...) are indexed by down level;
 * the up path uses them reversed, as the reference does.
 *
 * <p><b>Heads.</b> The reference's {@code attention_head_dim} is, for this model, the number of
 * heads: {@code num_attention_heads} must be null (diffusers raises otherwise) and falls back to
 * {@code attention_head_dim}, and each cross-attention block gets that many heads of
 * {@code channels / heads} channels. So SD 2.1's {@code [5, 10, 20, 20]} means 5, 10, 20, 20 heads
 * of 64 channels each.
 *
 * <p>Fields that only select features outside this family are rejected when set (class and
 * addition embeddings, {@code time_cond_proj_dim}, {@code encoder_hid_dim}, scale-shift time
 * norm, dual or only cross-attention, gated attention, Fourier time embedding, other block
 * types). {@code dropout} is a training setting and {@code resnet_skip_time_act},
 * {@code resnet_out_scale_factor}, {@code cross_attention_norm} and
 * {@code mid_block_only_cross_attention} are read by the reference only for block types outside
 * this family, so they are ignored.
 *
 * @param sampleSize {@code sample_size}, the latent size the model was trained at (0 when null or given as [h, w])
 * @param inChannels {@code in_channels} (4)
 * @param outChannels {@code out_channels} (4)
 * @param centerInputSample {@code center_input_sample} (false): feed {@code 2x - 1}
 * @param flipSinToCos {@code flip_sin_to_cos} (true)
 * @param freqShift {@code freq_shift} (0)
 * @param downBlockTypes {@code down_block_types}: CrossAttnDownBlock2D or DownBlock2D per level
 * @param upBlockTypes {@code up_block_types}: CrossAttnUpBlock2D or UpBlock2D per level
 * @param blockOutChannels {@code block_out_channels}
 * @param layers {@code layers_per_block} per level (2): resnets per down level; up levels have one more
 * @param downsamplePadding {@code downsample_padding} (1)
 * @param midBlockScaleFactor {@code mid_block_scale_factor} (1): divisor of the mid block's resnet sums
 * @param act {@code act_fn} ("silu")
 * @param normNumGroups {@code norm_num_groups} (32)
 * @param normEps {@code norm_eps} (1e-5), for the resnets and the output norm
 * @param crossAttentionDim {@code cross_attention_dim} per level (1280): the condition width
 * @param transformerLayers {@code transformer_layers_per_block} per level (1)
 * @param attentionHeads heads per level (see above; {@code attention_head_dim}, default 8)
 * @param useLinearProjection {@code use_linear_projection} (false)
 * @param upcastAttention {@code upcast_attention} (false; no effect in float32)
 * @param timeEmbeddingDim {@code time_embedding_dim}, or 4 * block_out_channels[0] when null
 * @param convInKernel {@code conv_in_kernel} (3)
 * @param convOutKernel {@code conv_out_kernel} (3)
 */
public record UNetConfig(
    int sampleSize,
    int inChannels,
    int outChannels,
    boolean centerInputSample,
    boolean flipSinToCos,
    float freqShift,
    List<String> downBlockTypes,
    List<String> upBlockTypes,
    List<Integer> blockOutChannels,
    List<Integer> layers,
    int downsamplePadding,
    float midBlockScaleFactor,
    Activation act,
    int normNumGroups,
    float normEps,
    List<Integer> crossAttentionDim,
    List<Integer> transformerLayers,
    List<Integer> attentionHeads,
    boolean useLinearProjection,
    boolean upcastAttention,
    int timeEmbeddingDim,
    int convInKernel,
    int convOutKernel) {

  static final String OWNER = "UNet2DConditionModel";
  static final String CROSS_ATTN_DOWN = "CrossAttnDownBlock2D";
  static final String DOWN = "DownBlock2D";
  static final String CROSS_ATTN_UP = "CrossAttnUpBlock2D";
  static final String UP = "UpBlock2D";
  static final String MID = "UNetMidBlock2DCrossAttn";

  private static final Set<String> DOWN_TYPES = Set.of(CROSS_ATTN_DOWN, DOWN);
  private static final Set<String> UP_TYPES = Set.of(CROSS_ATTN_UP, UP);

  public UNetConfig {
    downBlockTypes = List.copyOf(downBlockTypes);
    upBlockTypes = List.copyOf(upBlockTypes);
    blockOutChannels = List.copyOf(blockOutChannels);
    layers = List.copyOf(layers);
    crossAttentionDim = List.copyOf(crossAttentionDim);
    transformerLayers = List.copyOf(transformerLayers);
    attentionHeads = List.copyOf(attentionHeads);
  }

  /** Reads and validates a {@code config.json}. */
  public static UNetConfig read(Path configJson) {
    return fromJson(DiffusersConfig.readJson(configJson));
  }

  /**
   * Parses and validates a config.
   *
   * @throws IllegalArgumentException naming the field, its value and the supported values, for a
   *     config outside the supported family or an inconsistent one
   */
  public static UNetConfig fromJson(JsonNode json) {
    DiffusersConfig c = new DiffusersConfig(json, OWNER);
    String className = c.string("_class_name", OWNER);
    if (!className.equals(OWNER)) {
      throw c.unsupported("_class_name", className, OWNER);
    }
    rejectOutsideFamily(c);

    List<String> down = c.strings("down_block_types",
        List.of(CROSS_ATTN_DOWN, CROSS_ATTN_DOWN, CROSS_ATTN_DOWN, DOWN));
    List<String> up = c.strings("up_block_types", List.of(UP, CROSS_ATTN_UP, CROSS_ATTN_UP, CROSS_ATTN_UP));
    down = down.stream().map(UNetConfig::withoutResPrefix).toList();
    up = up.stream().map(UNetConfig::withoutResPrefix).toList();
    for (String t : down) {
      if (!DOWN_TYPES.contains(t)) {
        throw c.unsupported("down_block_types", t, String.join(", ", DOWN_TYPES));
      }
    }
    for (String t : up) {
      if (!UP_TYPES.contains(t)) {
        throw c.unsupported("up_block_types", t, String.join(", ", UP_TYPES));
      }
    }
    int levels = down.size();
    if (up.size() != levels) {
      throw new IllegalArgumentException(OWNER + " config has " + levels + " down_block_types but "
          + up.size() + " up_block_types: they must have the same length");
    }
    List<Integer> channels = c.positiveInts("block_out_channels", List.of(320, 640, 1280, 1280));
    if (channels.size() != levels) {
      throw new IllegalArgumentException(OWNER + " config field 'block_out_channels' = " + channels
          + " has " + channels.size() + " entries but down_block_types has " + levels);
    }
    if (!c.isNull("num_attention_heads")) {
      throw new IllegalArgumentException(OWNER + " config field 'num_attention_heads' = "
          + json.get("num_attention_heads") + " is not supported: diffusers rejects it for this model and takes"
          + " the head count from attention_head_dim; supported: null");
    }
    if (!c.isNull("reverse_transformer_layers_per_block")) {
      throw c.unsupported("reverse_transformer_layers_per_block", json.get("reverse_transformer_layers_per_block"),
          "null (asymmetric per-layer transformer depths are not supported)");
    }
    if (c.isExplicitNull("norm_num_groups")) {
      throw c.unsupported("norm_num_groups", "null", "a positive group count (a UNet without output norm is not supported)");
    }
    int normNumGroups = c.integer("norm_num_groups", 32);
    if (normNumGroups <= 0) {
      throw c.unsupported("norm_num_groups", normNumGroups, "a positive group count");
    }
    for (int ch : channels) {
      if (ch % normNumGroups != 0) {
        throw new IllegalArgumentException(OWNER + " config field 'norm_num_groups' = " + normNumGroups
            + " does not divide block_out_channels entry " + ch + ": group norm needs it to divide every channel count");
      }
    }
    if (c.isExplicitNull("mid_block_type")) {
      throw c.unsupported("mid_block_type", "null", MID);
    }
    c.requireOneOf("mid_block_type", MID);
    int downsamplePadding = c.integer("downsample_padding", 1);
    if (downsamplePadding < 0) {
      throw c.unsupported("downsample_padding", downsamplePadding, "0 or more");
    }
    List<Integer> heads = c.perLevelInts("attention_head_dim", levels, 8);
    for (int h : heads) {
      if (h <= 0) {
        throw c.unsupported("attention_head_dim", heads, "positive head counts");
      }
    }
    return new UNetConfig(
        c.isNull("sample_size") || json.get("sample_size").isArray() ? 0 : c.integer("sample_size", 0),
        c.integer("in_channels", 4),
        c.integer("out_channels", 4),
        c.bool("center_input_sample", false),
        c.bool("flip_sin_to_cos", true),
        (float) c.number("freq_shift", 0),
        down,
        up,
        channels,
        positive(c, "layers_per_block", c.perLevelInts("layers_per_block", levels, 2)),
        downsamplePadding,
        (float) c.number("mid_block_scale_factor", 1),
        activation(c, c.string("act_fn", "silu")),
        normNumGroups,
        (float) c.number("norm_eps", 1e-5),
        positive(c, "cross_attention_dim", c.perLevelInts("cross_attention_dim", levels, 1280)),
        positive(c, "transformer_layers_per_block", c.perLevelInts("transformer_layers_per_block", levels, 1)),
        heads,
        c.bool("use_linear_projection", false),
        c.bool("upcast_attention", false),
        c.integer("time_embedding_dim", 4 * channels.get(0)),
        oddKernel(c, "conv_in_kernel"),
        oddKernel(c, "conv_out_kernel"));
  }

  private static void rejectOutsideFamily(DiffusersConfig c) {
    c.requireNull("class_embed_type", "class embeddings");
    c.requireNull("num_class_embeds", "class embeddings");
    c.requireFalse("class_embeddings_concat", "class embeddings");
    c.requireNull("addition_embed_type", "SDXL-style added text/time/image embeddings");
    c.requireNull("encoder_hid_dim", "a projection of encoder_hidden_states");
    c.requireNull("encoder_hid_dim_type", "a projection of encoder_hidden_states");
    c.requireNull("time_cond_proj_dim", "timestep conditioning (LCM)");
    c.requireNull("time_embedding_act_fn", "an extra activation on the time embedding");
    c.requireNull("timestep_post_act", "an activation after the time embedding MLP");
    c.requireOneOf("resnet_time_scale_shift", "default");
    c.requireOneOf("time_embedding_type", "positional");
    c.requireOneOf("attention_type", "default");
    c.requireFalse("dual_cross_attention", "dual transformer blocks");
    c.requireFalse("only_cross_attention", "transformer blocks without self-attention");
  }

  private static int oddKernel(DiffusersConfig c, String field) {
    int k = c.integer(field, 3);
    if (k <= 0 || k % 2 == 0) {
      throw c.unsupported(field, k, "a positive odd kernel size");
    }
    return k;
  }

  private static String withoutResPrefix(String type) {
    // The reference maps "UNetResXxx" to "Xxx" before choosing the block class.
    return type.startsWith("UNetRes") ? type.substring(7) : type;
  }

  private static List<Integer> positive(DiffusersConfig c, String field, List<Integer> values) {
    for (int v : values) {
      if (v <= 0) {
        throw c.unsupported(field, values, "positive integers");
      }
    }
    return values;
  }

  private static Activation activation(DiffusersConfig c, String name) {
    try {
      return Activation.fromConfig(name);
    } catch (IllegalArgumentException e) {
      throw c.unsupported("act_fn", name, "silu, swish, gelu, relu");
    }
  }

  /** The number of resolution levels. */
  public int levels() {
    return downBlockTypes.size();
  }

  /** Whether down level {@code i} has cross-attention. */
  public boolean downHasAttention(int i) {
    return downBlockTypes.get(i).equals(CROSS_ATTN_DOWN);
  }

  /** Whether up level {@code i} (counted from the bottom of the U) has cross-attention. */
  public boolean upHasAttention(int i) {
    return upBlockTypes.get(i).equals(CROSS_ATTN_UP);
  }

  /** The down levels' total downsampling factor, {@code 2^(levels - 1)}. */
  public int downsamplingFactor() {
    return 1 << (levels() - 1);
  }

  /** The sinusoidal embedding width, {@code block_out_channels[0]}. */
  public int timestepInputDim() {
    return blockOutChannels.get(0);
  }
}
