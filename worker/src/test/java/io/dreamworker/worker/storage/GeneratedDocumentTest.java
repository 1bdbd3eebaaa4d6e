package io.dreamworker.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dreamworker.model.generation.Document;
import io.dreamworker.model.image.RgbImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratedDocumentTest {

  private final RgbImage first = TestImages.gradient(2, 2, 1);
  private final RgbImage second = TestImages.gradient(2, 2, 2);

  @Test
  void ofEngineDocument_keepsSegmentsInOrder() {
    Document document = new Document(List.of(new Document.Text("a"), new Document.Image(0, first),
        new Document.Text("b"), new Document.Image(1, second)));

    GeneratedDocument generated = GeneratedDocument.of(document);

    assertThat(generated.segments()).containsExactly(new GeneratedDocument.Text("a"),
        new GeneratedDocument.Image(first), new GeneratedDocument.Text("b"), new GeneratedDocument.Image(second));
    assertThat(generated.images()).containsExactly(first, second);
  }

  @Test
  void ofImage_isOneImageSegment() {
    assertThat(GeneratedDocument.ofImage(first).segments()).containsExactly(new GeneratedDocument.Image(first));
  }

  @Test
  void segments_areCopied() {
    List<GeneratedDocument.Segment> segments = new ArrayList<>(List.of(new GeneratedDocument.Text("a")));
    GeneratedDocument document = new GeneratedDocument(segments);
    segments.clear();

    assertThat(document.segments()).hasSize(1);
  }

  @Test
  void nullParts_areRefused() {
    assertThatThrownBy(() -> new GeneratedDocument.Text(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new GeneratedDocument.Image(null)).isInstanceOf(IllegalArgumentException.class);
  }
}
