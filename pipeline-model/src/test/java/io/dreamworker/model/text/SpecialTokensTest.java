package io.dreamworker.model.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SpecialTokensTest {
  private static final Map<String, Long> LLAMA_WITH_DREAM = Map.ofEntries(
      Map.entry("<unk>", 0L), Map.entry("<s>", 1L), Map.entry("</s>", 2L),
      Map.entry("<image>", 32000L), Map.entry("<im_patch>", 32001L),
      Map.entry("<im_start>", 32002L), Map.entry("<im_end>", 32003L),
      Map.entry("<dream>", 32004L), Map.entry("<dream_patch>", 32005L),
      Map.entry("<dream_start>", 32006L), Map.entry("<dream_end>", 32007L));

  @Test
  void everyDreamToken_isResolved() {
    SpecialTokens s = resolve(LLAMA_WITH_DREAM, OptionalLong.empty());

    assertThat(s.ids()).hasSize(11);
    assertThat(s.require(SpecialTokens.DREAM_END)).isEqualTo(32007);
    assertThat(s.require(SpecialTokens.IMAGE)).isEqualTo(32000);
    assertThat(s.find(SpecialTokens.PAD)).isEmpty();
  }

  @Test
  void padding_prefersTheConfiguredTokenThenPadThenUnk() {
    assertThat(resolve(LLAMA_WITH_DREAM, OptionalLong.of(2)).requirePad()).isEqualTo(2);
    assertThat(resolve(Map.of("<unk>", 0L, "<pad>", 7L), OptionalLong.empty()).requirePad())
        .isEqualTo(7);
    assertThat(resolve(LLAMA_WITH_DREAM, OptionalLong.empty()).requirePad()).isZero();
  }

  @Test
  void noPaddingAtAll_failsNamingTheFile() {
    SpecialTokens s = resolve(Map.of("<s>", 1L), OptionalLong.empty());

    assertThatThrownBy(s::requirePad)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/models/x/tokenizer.json")
        .hasMessageContaining("no padding token");
  }

  @Test
  void ids_cannotBeChangedAfterResolution() {
    SpecialTokens s = resolve(LLAMA_WITH_DREAM, OptionalLong.empty());

    assertThatThrownBy(() -> s.ids().put("<x>", 1L)).isInstanceOf(UnsupportedOperationException.class);
  }

  private static SpecialTokens resolve(Map<String, Long> vocab, OptionalLong pad) {
    return SpecialTokens.resolve(
        t -> vocab.containsKey(t) ? OptionalLong.of(vocab.get(t)) : OptionalLong.empty(),
        pad, "/models/x/tokenizer.json");
  }
}
