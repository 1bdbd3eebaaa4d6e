package io.dreamworker.model.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class GreedyDecoderTest {

  @Test
  void generate_equalsRepeatedFullForwardArgmax() {
    try (NDManager m = NDManager.newBaseManager()) {
      LlamaForCausalLM model = TinyLlama.randomModel(TinyLlama.config(), m, 41);
      NDArray prompt = TinyLlama.ids(m, 42, 50, 2, 5);

      NDArray tokens = new GreedyDecoder(model).generate(prompt, 6);

      NDArray sequence = prompt;
      for (int step = 0; step < 6; step++) {
        NDArray logits = model.forward(sequence).logits();
        sequence = sequence.concat(logits.get(new NDIndex(":, -1, :")).argMax(-1).expandDims(1), 1);
      }
      assertThat(tokens.getShape()).isEqualTo(new Shape(2, 6));
      assertThat(tokens.getManager()).isSameAs(m);
      assertThat(tokens.toLongArray()).containsExactly(sequence.get(":, 5:").toLongArray());
    }
  }

  @Test
  void zeroNewTokens_isRejected() {
    try (NDManager m = NDManager.newBaseManager()) {
      LlamaForCausalLM model = TinyLlama.randomModel(TinyLlama.config(), m, 43);

      assertThatThrownBy(() -> new GreedyDecoder(model).generate(TinyLlama.ids(m, 1, 50, 1, 2), 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("maxNewTokens is 0");
    }
  }
}
