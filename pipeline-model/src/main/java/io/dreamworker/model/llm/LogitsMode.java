package io.dreamworker.model.llm;

/**
 * Which positions a forward pass projects to vocabulary logits. The LM head is the largest matmul
 * of a step over a long prompt, and prompts that only feed the cache or yield hidden states (the
 * dream queries) need none of it; {@link LlamaForCausalLM#logits} projects any chosen positions
 * afterwards.
 */
public enum LogitsMode {
  /** Logits [B, T, V] for every position, as transformers returns them by default. */
  ALL,
  /** Logits [B, 1, V] for the last position only (transformers' {@code logits_to_keep=1}). */
  LAST,
  /** No logits. */
  NONE
}
