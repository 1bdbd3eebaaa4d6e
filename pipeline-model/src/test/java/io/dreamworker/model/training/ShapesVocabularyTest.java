package io.dreamworker.model.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.dreamworker.model.shapes.Captions;
import io.dreamworker.model.shapes.SceneSampler;
import io.dreamworker.model.text.DreamTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShapesVocabularyTest {
  @TempDir Path dir;

  @Test
  void caption_isOneTokenPerWord_andDecodesBack() throws Exception {
    Path file = dir.resolve("tokenizer.json");
    Files.writeString(file, ShapesVocabulary.tokenizerJson());
    try (DreamTokenizer tokenizer = DreamTokenizer.load(file)) {
      assertThat(tokenizer.vocabSize()).isEqualTo(ShapesVocabulary.size());
      SceneSampler sampler = new SceneSampler(4);
      for (int i = 0; i < 20; i++) {
        String caption = Captions.caption(sampler.next());
        long[] ids = tokenizer.encode(caption);
        assertThat(ids).hasSize(caption.split(" ").length);
        assertThat(tokenizer.decode(ids, true).strip()).isEqualTo(caption);
      }
    }
  }

  @Test
  void textOutsideTheDomain_stillRoundTrips() throws Exception {
    Path file = dir.resolve("tokenizer.json");
    Files.writeString(file, ShapesVocabulary.tokenizerJson());
    try (DreamTokenizer tokenizer = DreamTokenizer.load(file)) {
      String text = "a zebra, très grand: 42 circlet";
      assertThat(tokenizer.decode(tokenizer.encode(text), true).strip()).isEqualTo(text);
    }
  }
}
