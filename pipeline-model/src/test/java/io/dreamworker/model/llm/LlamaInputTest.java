package io.dreamworker.model.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class LlamaInputTest {

  @Test
  void bothIdsAndEmbeds_areRejected() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray ids = m.zeros(new Shape(1, 2));
      NDArray embeds = m.zeros(new Shape(1, 2, 4));

      assertThatThrownBy(() -> new LlamaInput(ids, embeds, null, null, LogitsMode.ALL, false))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("exactly one of inputIds and inputsEmbeds");
    }
  }

  @Test
  void withers_changeOnlyTheirField() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray ids = m.zeros(new Shape(1, 2));
      NDArray mask = m.ones(new Shape(1, 2));

      LlamaInput input = LlamaInput.ofIds(ids).withAttentionMask(mask).withLogits(LogitsMode.NONE).withHiddenStates(true);

      assertThat(input).isEqualTo(new LlamaInput(ids, null, mask, null, LogitsMode.NONE, true));
    }
  }
}
