package io.dreamworker.model.engine.scheduling;

import java.util.Objects;

/**
 * One request's next piece of work at one stage, as the model runner describes it: what the
 * scheduler needs to batch it and to keep the request inside what it reserved. Build it with the
 * factory of its stage.
 *
 * @param stage where the work waits
 * @param rows rows it occupies in a batched call: images at VISION, sequences at PREFILL and
 *     DECODE, 1 or 2 (with the negative prompt of a guidance pair) at DREAM, latents at DIFFUSION
 *     (2 with a guidance pair), images at VAE_DECODE
 * @param kvTokens positions this work appends to the request's own KV cache: the new tokens at
 *     PREFILL, 1 at DECODE, the dream span at DREAM, 0 elsewhere
 * @param groupKey what a batch must share: {@link GroupKey#NONE} at ungrouped stages, a real key at
 *     {@linkplain Stage#isGrouped() grouped} ones
 */
public record StageWork(Stage stage, int rows, int kvTokens, GroupKey groupKey) {

  public StageWork {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(groupKey, "groupKey");
    if (rows < 1) {
      throw new IllegalArgumentException(stage + " work needs at least 1 row, got " + rows);
    }
    if (kvTokens < 0) {
      throw new IllegalArgumentException(stage + " work cannot append " + kvTokens + " KV tokens");
    }
    if (stage.isGrouped() == groupKey.equals(GroupKey.NONE)) {
      throw new IllegalArgumentException(stage.isGrouped()
          ? stage + " work needs a group key (GroupKey.diffusion or GroupKey.resolution), got none"
          : stage + " work batches with anything and takes GroupKey.NONE, got " + groupKey);
    }
    boolean appends = stage == Stage.PREFILL || stage == Stage.DECODE || stage == Stage.DREAM;
    if (appends != (kvTokens > 0)) {
      throw new IllegalArgumentException(appends
          ? stage + " work appends to the KV cache and needs kvTokens >= 1, got " + kvTokens
          : stage + " work does not touch the KV cache and takes kvTokens 0, got " + kvTokens);
    }
    int maxRows = switch (stage) {
      case VISION -> Integer.MAX_VALUE;
      case PREFILL, DECODE, VAE_DECODE -> 1;
      case DREAM, DIFFUSION -> 2;
    };
    if (rows > maxRows) {
      throw new IllegalArgumentException(stage + " work has at most " + maxRows + " row(s)"
          + (maxRows == 2 ? " (a guidance pair)" : "") + ", got " + rows);
    }
    if (stage == Stage.DECODE && kvTokens != 1) {
      throw new IllegalArgumentException("DECODE work appends exactly 1 token, got " + kvTokens);
    }
  }

  /** CLIP encoding of {@code images} images of one request, in one call. */
  public static StageWork vision(int images) {
    return new StageWork(Stage.VISION, images, 0, GroupKey.NONE);
  }

  /** The LLM over {@code newTokens} new positions of one sequence (a prompt, an image span). */
  public static StageWork prefill(int newTokens) {
    return new StageWork(Stage.PREFILL, 1, newTokens, GroupKey.NONE);
  }

  /** One decoding step of one sequence. */
  public static StageWork decode() {
    return new StageWork(Stage.DECODE, 1, 1, GroupKey.NONE);
  }

  /**
   * The dream-query pass appending {@code dreamPositions} positions to the sequence's cache; with
   * {@code negativeRow} the negative prompt runs beside it as a second row (not needed when the
   * runner has cached the result of a fixed negative prompt).
   */
  public static StageWork dream(int dreamPositions, boolean negativeRow) {
    return new StageWork(Stage.DREAM, negativeRow ? 2 : 1, dreamPositions, GroupKey.NONE);
  }

  /** One denoising step of one latent; with {@code guidancePair} its unconditional twin as well. */
  public static StageWork diffusion(GroupKey key, boolean guidancePair) {
    return new StageWork(Stage.DIFFUSION, guidancePair ? 2 : 1, 0, key);
  }

  /** Decoding one finished latent to pixels. */
  public static StageWork vaeDecode(GroupKey resolution) {
    return new StageWork(Stage.VAE_DECODE, 1, 0, resolution);
  }
}
