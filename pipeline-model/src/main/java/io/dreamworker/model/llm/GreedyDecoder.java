package io.dreamworker.model.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * Greedy decoding as transformers' {@code generate(do_sample=False)} without an end-of-sequence
 * stop: prefill the prompt into a KV cache, then repeatedly append the argmax of the last logits
 * (the lowest id among ties, like {@code torch.argmax}).
 */
public final class GreedyDecoder {
  private final LlamaForCausalLM model;

  public GreedyDecoder(LlamaForCausalLM model) {
    this.model = model;
  }

  /**
   * @param inputIds prompt [B, T] int64, unpadded
   * @param maxNewTokens how many tokens to generate (≥ 1)
   * @return the new tokens [B, maxNewTokens] int64, attached to the prompt's manager
   */
  public NDArray generate(NDArray inputIds, int maxNewTokens) {
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("maxNewTokens is " + maxNewTokens + ": it must be at least 1");
    }
    NDManager outManager = inputIds.getManager();
    try (NDManager work = outManager.newSubManager(); LlamaKvCache cache = model.newCache(work)) {
      NDArray next = inputIds.duplicate();
      next.attach(work);
      NDList tokens = new NDList();
      for (int step = 0; step < maxNewTokens; step++) {
        try (LlamaOutput out = model.forward(LlamaInput.ofIds(next).withLogits(LogitsMode.LAST), cache)) {
          next = out.logits().get(new NDIndex(":, -1, :")).argMax(-1).expandDims(1);
          next.attach(work);
        }
        tokens.add(next);
      }
      NDArray result = NDArrays.concat(tokens, 1);
      result.attach(outManager);
      return result;
    }
  }
}
