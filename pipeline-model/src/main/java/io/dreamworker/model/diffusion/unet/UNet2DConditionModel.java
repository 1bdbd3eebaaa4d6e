package io.dreamworker.model.diffusion.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.diffusion.Conv2d;
import io.dreamworker.model.diffusion.Downsample2D;
import io.dreamworker.model.diffusion.GroupNorm;
import io.dreamworker.model.diffusion.ResnetBlock2D;
import io.dreamworker.model.diffusion.SinusoidalTimestepEmbedding;
import io.dreamworker.model.diffusion.Transformer2D;
import io.dreamworker.model.diffusion.Upsample2D;
import io.dreamworker.model.weights.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * The Stable Diffusion denoiser, diffusers {@code UNet2DConditionModel} restricted to the layout
 * family {@link UNetConfig} accepts: predicts the noise (or v) of a batch of latents, each at its
 * own timestep, conditioned on a sequence of vectors through cross-attention.
 *
 * <p>Weights load under the reference's names ({@code conv_in}, {@code time_embedding.linear_1},
 * {@code down_blocks.{i}.resnets.{j}.conv1}, {@code up_blocks.{i}.attentions.{j}.transformer_blocks.{k}.attn2.to_k},
 * ...), with every shape checked against the config, so a diffusers checkpoint's
 * {@code unet/diffusion_pytorch_model.safetensors} loads as it is.
 *
 * <p>Not supported: attention masks (the whole condition sequence is attended, as DreamLLM's
 * fixed-length dream queries need), ControlNet / T2I-adapter residuals, and the class, addition
 * and timestep-condition embeddings that {@link UNetConfig} rejects.
 *
 * <p>Immutable and thread-safe once loaded; arrays returned by {@link #forward} belong to the
 * sample's manager.
 */
public final class UNet2DConditionModel {
  private final UNetConfig config;
  private final Conv2d convIn;
  private final SinusoidalTimestepEmbedding timeProj;
  private final TimestepEmbedding timeEmbedding;
  private final List<UNetDownBlock> downBlocks;
  private final UNetMidBlock midBlock;
  private final List<UNetUpBlock> upBlocks;
  private final GroupNorm convNormOut;
  private final Conv2d convOut;

  private UNet2DConditionModel(
      UNetConfig config, Conv2d convIn, SinusoidalTimestepEmbedding timeProj, TimestepEmbedding timeEmbedding,
      List<UNetDownBlock> downBlocks, UNetMidBlock midBlock, List<UNetUpBlock> upBlocks,
      GroupNorm convNormOut, Conv2d convOut) {
    this.config = config;
    this.convIn = convIn;
    this.timeProj = timeProj;
    this.timeEmbedding = timeEmbedding;
    this.downBlocks = List.copyOf(downBlocks);
    this.midBlock = midBlock;
    this.upBlocks = List.copyOf(upBlocks);
    this.convNormOut = convNormOut;
    this.convOut = convOut;
  }

  /**
   * Builds the model and loads its weights; the arrays live in the weights' manager.
   *
   * @param w the root view (names such as {@code conv_in.weight})
   * @throws io.dreamworker.model.weights.WeightsException naming a missing or misshapen tensor
   */
  public static UNet2DConditionModel load(UNetConfig config, Weights w) {
    List<Integer> ch = config.blockOutChannels();
    int levels = config.levels();
    int groups = config.normNumGroups();
    float eps = config.normEps();
    long temb = config.timeEmbeddingDim();

    Conv2d convIn = Conv2d.loadSame(w, "conv_in", config.inChannels(), ch.get(0), config.convInKernel());
    SinusoidalTimestepEmbedding timeProj =
        new SinusoidalTimestepEmbedding(config.timestepInputDim(), config.flipSinToCos(), config.freqShift());
    TimestepEmbedding timeEmbedding =
        TimestepEmbedding.load(w, "time_embedding", config.timestepInputDim(), temb, config.act());

    List<UNetDownBlock> down = new ArrayList<>();
    int outChannels = ch.get(0);
    for (int i = 0; i < levels; i++) {
      int inChannels = outChannels;
      outChannels = ch.get(i);
      String prefix = "down_blocks." + i;
      List<ResnetBlock2D> resnets = new ArrayList<>();
      List<Transformer2D> attentions = new ArrayList<>();
      for (int j = 0; j < config.layers().get(i); j++) {
        resnets.add(ResnetBlock2D.load(w, prefix + ".resnets." + j, j == 0 ? inChannels : outChannels,
            outChannels, temb, groups, eps, config.act(), 1f));
        if (config.downHasAttention(i)) {
          attentions.add(Transformer2D.load(w, prefix + ".attentions." + j, outChannels,
              config.attentionHeads().get(i), config.transformerLayers().get(i),
              config.crossAttentionDim().get(i), groups, config.useLinearProjection()));
        }
      }
      Downsample2D downsampler = i < levels - 1
          ? Downsample2D.load(w, prefix + ".downsamplers.0", outChannels, config.downsamplePadding())
          : null;
      down.add(new UNetDownBlock(resnets, attentions, downsampler));
    }

    int last = levels - 1;
    int bottom = ch.get(last);
    float midScale = config.midBlockScaleFactor();
    UNetMidBlock mid = new UNetMidBlock(
        List.of(
            ResnetBlock2D.load(w, "mid_block.resnets.0", bottom, bottom, temb, groups, eps, config.act(), midScale),
            ResnetBlock2D.load(w, "mid_block.resnets.1", bottom, bottom, temb, groups, eps, config.act(), midScale)),
        List.of(Transformer2D.load(w, "mid_block.attentions.0", bottom, config.attentionHeads().get(last),
            config.transformerLayers().get(last), config.crossAttentionDim().get(last), groups,
            config.useLinearProjection())));

    // The reference's channel bookkeeping: up level i mirrors down level (levels - 1 - i); its
    // resnet j takes the previous output (prev_output_channel for j = 0) plus one skip, whose
    // width is the mirrored level's, except the last resnet's skip, which comes from the level
    // above (the down path's input to that level).
    List<UNetUpBlock> up = new ArrayList<>();
    int output = ch.get(last);
    for (int i = 0; i < levels; i++) {
      int mirrored = last - i;
      int prevOutput = output;
      output = ch.get(mirrored);
      int input = ch.get(Math.max(mirrored - 1, 0));
      int resnetCount = config.layers().get(mirrored) + 1;
      String prefix = "up_blocks." + i;
      List<ResnetBlock2D> resnets = new ArrayList<>();
      List<Transformer2D> attentions = new ArrayList<>();
      for (int j = 0; j < resnetCount; j++) {
        int skip = j == resnetCount - 1 ? input : output;
        int resnetIn = j == 0 ? prevOutput : output;
        resnets.add(ResnetBlock2D.load(w, prefix + ".resnets." + j, resnetIn + skip, output, temb, groups, eps,
            config.act(), 1f));
        if (config.upHasAttention(i)) {
          attentions.add(Transformer2D.load(w, prefix + ".attentions." + j, output,
              config.attentionHeads().get(mirrored), config.transformerLayers().get(mirrored),
              config.crossAttentionDim().get(mirrored), groups, config.useLinearProjection()));
        }
      }
      Upsample2D upsampler = i < levels - 1 ? Upsample2D.load(w, prefix + ".upsamplers.0", output) : null;
      up.add(new UNetUpBlock(resnets, attentions, upsampler));
    }

    GroupNorm convNormOut = GroupNorm.load(w, "conv_norm_out", ch.get(0), groups, eps);
    Conv2d convOut = Conv2d.loadSame(w, "conv_out", ch.get(0), config.outChannels(), config.convOutKernel());
    return new UNet2DConditionModel(config, convIn, timeProj, timeEmbedding, down, mid, up, convNormOut, convOut);
  }

  public UNetConfig config() {
    return config;
  }

  /**
   * One denoising step's prediction for a batch.
   *
   * @param sample [B, in_channels, H, W] noisy latents
   * @param timesteps [B] (or one value for all), integer or floating point; row b of the batch is
   *     denoised as being at timestep {@code timesteps[b]}
   * @param encoderHiddenStates [B, S, cross_attention_dim] the condition sequence
   * @return [B, out_channels, H, W], in the sample's manager
   */
  public NDArray forward(NDArray sample, NDArray timesteps, NDArray encoderHiddenStates) {
    Shape s = sample.getShape();
    checkInputs(s, timesteps.getShape(), encoderHiddenStates.getShape());
    long batch = s.get(0);
    NDArray result;
    try (NDScope scope = new NDScope()) {
      NDArray t = timesteps.reshape(-1);
      if (t.size() == 1 && batch > 1) {
        t = t.broadcast(batch);
      }
      NDArray emb = timeEmbedding.apply(timeProj.apply(t));

      // The reference forwards explicit upsample sizes when H or W is not a multiple of the
      // total downsampling factor, so that odd sizes round-trip.
      int factor = config.downsamplingFactor();
      boolean forwardUpsampleSize = s.get(2) % factor != 0 || s.get(3) % factor != 0;

      NDArray h = config.centerInputSample() ? sample.mul(2).sub(1) : sample;
      h = convIn.apply(h);
      List<NDArray> skips = new ArrayList<>();
      skips.add(h);
      for (UNetDownBlock block : downBlocks) {
        NDList outputs = block.apply(h, emb, encoderHiddenStates);
        skips.addAll(outputs);
        h = outputs.get(outputs.size() - 1);
      }
      h = midBlock.apply(h, emb, encoderHiddenStates);
      for (int i = 0; i < upBlocks.size(); i++) {
        UNetUpBlock block = upBlocks.get(i);
        int n = block.resnetCount();
        List<NDArray> levelSkips = new ArrayList<>(skips.subList(skips.size() - n, skips.size()));
        skips.subList(skips.size() - n, skips.size()).clear();
        long[] upsampleSize = null;
        if (forwardUpsampleSize && i < upBlocks.size() - 1) {
          Shape next = skips.get(skips.size() - 1).getShape();
          upsampleSize = new long[] {next.get(2), next.get(3)};
        }
        h = block.apply(h, levelSkips, emb, encoderHiddenStates, upsampleSize);
      }
      h = config.act().apply(convNormOut.apply(h));
      result = convOut.apply(h);
      NDScope.unregister(result);
    }
    return result;
  }

  private void checkInputs(Shape sample, Shape timesteps, Shape context) {
    if (sample.dimension() != 4 || sample.get(1) != config.inChannels()) {
      throw new IllegalArgumentException(
          "sample must be [B, " + config.inChannels() + ", H, W], got " + sample);
    }
    long batch = sample.get(0);
    if (timesteps.size() != batch && timesteps.size() != 1) {
      throw new IllegalArgumentException(
          "timesteps must hold one value per sample (" + batch + ") or one for all, got shape " + timesteps);
    }
    if (context.dimension() != 3 || context.get(0) != batch) {
      throw new IllegalArgumentException(
          "encoder_hidden_states must be [" + batch + ", S, cross_attention_dim], got " + context);
    }
    for (int i = 0; i < config.levels(); i++) {
      boolean usesContext = config.downHasAttention(i) || config.upHasAttention(config.levels() - 1 - i)
          || i == config.levels() - 1;
      if (usesContext && context.get(2) != config.crossAttentionDim().get(i)) {
        throw new IllegalArgumentException(
            "encoder_hidden_states has width " + context.get(2) + " but cross_attention_dim is "
                + config.crossAttentionDim().get(i) + " at level " + i);
      }
    }
  }
}
