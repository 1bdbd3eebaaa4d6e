package io.dreamworker.model.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyTokenizerTest {
  @TempDir Path dir;

  private HuggingFaceTokenizer load(List<String> merges) throws IOException {
    Path file = dir.resolve("tokenizer.json");
    Files.writeString(file, TinyTokenizer.json(merges));
    return HuggingFaceTokenizer.newInstance(file, Map.of("addSpecialTokens", "false"));
  }

  @Test
  void anyText_roundTrips_withByteFallbackOutsideTheAlphabet() throws IOException {
    try (HuggingFaceTokenizer t = load(List.of())) {
      for (String text : List.of("a red circle", "unseen wörds 🙂", "tabs\tand\nlines", "")) {
        Encoding e = t.encode(text);
        assertThat(t.decode(e.getIds())).isEqualTo(text);
      }
    }
  }

  @Test
  void specialTokens_haveFixedIdsAndEncodeAsOneToken() throws IOException {
    try (HuggingFaceTokenizer t = load(List.of())) {
      long[] ids = t.encode("<im_start><dream_start><dream_end>").getIds();
      assertThat(ids).containsExactly(
          TinyTokenizer.SPECIAL_TOKENS.indexOf("<im_start>"),
          TinyTokenizer.SPECIAL_TOKENS.indexOf("<dream_start>"),
          TinyTokenizer.SPECIAL_TOKENS.indexOf("<dream_end>"));
    }
  }

  @Test
  void merges_joinPiecesIntoOneToken() throws IOException {
    try (HuggingFaceTokenizer t = load(List.of("r e", "re d"))) {
      String[] tokens = t.encode("red").getTokens();
      assertThat(tokens).containsExactly("\u2581", "red");
    }
  }

  @Test
  void mergeOfUnknownPieces_isRejected() {
    assertThatThrownBy(() -> TinyTokenizer.json(List.of("ab c")))
        .hasMessageContaining("merge 'ab c' must join two pieces already in the vocabulary");
  }
}
