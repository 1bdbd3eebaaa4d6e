package io.dreamworker.model.llm;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What {@link LlamaForCausalLM#forward} returns, attached to the manager of the input array.
 *
 * @param logits [B, T, V], [B, 1, V] or {@code null}, per {@link LogitsMode}
 * @param lastHidden [B, T, H] after the final norm (transformers' {@code hidden_states[-1]})
 * @param hiddenStates empty unless asked for; else, as transformers returns them, L + 1 arrays
 *     [B, T, H]: the embeddings, the output of layers 0 .. L-2, and {@code lastHidden}
 */
public record LlamaOutput(NDArray logits, NDArray lastHidden, List<NDArray> hiddenStates)
    implements AutoCloseable {

  public LlamaOutput {
    hiddenStates = List.copyOf(hiddenStates);
  }

  /** Frees every array of this output. */
  @Override
  public void close() {
    Set<NDArray> all = Collections.newSetFromMap(new IdentityHashMap<>());
    all.addAll(hiddenStates);
    all.add(lastHidden);
    if (logits != null) {
      all.add(logits);
    }
    all.forEach(NDArray::close);
  }
}
