package io.dreamworker.model.llm;

import ai.djl.ndarray.NDArray;

/**
 * One forward pass's input to {@link LlamaForCausalLM}: token ids [B, T] or embeddings [B, T, H]
 * (exactly one), plus the options transformers' {@code forward} takes.
 *
 * <p>Batches share one T. For ragged batches, left-pad the rows and pass
 * {@code attentionMask} [B, past + T] (1 for real tokens, 0 for padding, transformers' 2-D
 * {@code attention_mask} covering cached and new slots): padded keys are masked, and unless
 * {@code positionIds} is given each row's positions count only its real tokens
 * ({@code cumsum(mask) - 1}, as transformers' {@code generate} derives them), so a padded row
 * computes what the same row would alone. Outputs at padding positions are meaningless.
 *
 * @param inputIds [B, T] int64 token ids, or {@code null}
 * @param inputsEmbeds [B, T, H] float32 embeddings, or {@code null}
 * @param attentionMask [B, past + T] padding mask, or {@code null} for none
 * @param positionIds [B, T] (or [1, T]) int64 RoPE positions, or {@code null} to derive them
 *     (from the mask if given, else {@code past .. past + T - 1})
 * @param logits which positions get logits
 * @param outputHiddenStates whether to return every layer's hidden states
 */
public record LlamaInput(
    NDArray inputIds,
    NDArray inputsEmbeds,
    NDArray attentionMask,
    NDArray positionIds,
    LogitsMode logits,
    boolean outputHiddenStates) {

  public LlamaInput {
    if ((inputIds == null) == (inputsEmbeds == null)) {
      throw new IllegalArgumentException("give exactly one of inputIds and inputsEmbeds");
    }
    if (logits == null) {
      throw new IllegalArgumentException("logits mode must be given (ALL, LAST or NONE)");
    }
  }

  /** Token ids [B, T], all logits, no hidden states. */
  public static LlamaInput ofIds(NDArray inputIds) {
    return new LlamaInput(inputIds, null, null, null, LogitsMode.ALL, false);
  }

  /** Embeddings [B, T, H], all logits, no hidden states. */
  public static LlamaInput ofEmbeds(NDArray inputsEmbeds) {
    return new LlamaInput(null, inputsEmbeds, null, null, LogitsMode.ALL, false);
  }

  public LlamaInput withAttentionMask(NDArray mask) {
    return new LlamaInput(inputIds, inputsEmbeds, mask, positionIds, logits, outputHiddenStates);
  }

  public LlamaInput withPositionIds(NDArray positions) {
    return new LlamaInput(inputIds, inputsEmbeds, attentionMask, positions, logits, outputHiddenStates);
  }

  public LlamaInput withLogits(LogitsMode mode) {
    return new LlamaInput(inputIds, inputsEmbeds, attentionMask, positionIds, mode, outputHiddenStates);
  }

  public LlamaInput withHiddenStates(boolean output) {
    return new LlamaInput(inputIds, inputsEmbeds, attentionMask, positionIds, logits, output);
  }

  /** The input array that fixes B, T and the outputs' manager. */
  NDArray source() {
    return inputIds != null ? inputIds : inputsEmbeds;
  }
}
