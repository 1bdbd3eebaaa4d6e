package io.dreamworker.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentMarkdownTest {

  private static String render(GeneratedDocument.Segment... segments) {
    return new String(DocumentMarkdown.render(new GeneratedDocument(List.of(segments))), StandardCharsets.UTF_8);
  }

  @Test
  void textAndImages_areParagraphsWithRelativeImageLinks() {
    String markdown = render(
        new GeneratedDocument.Text("Once there was a red circle. "),
        new GeneratedDocument.Image(TestImages.gradient(2, 2, 0)),
        new GeneratedDocument.Text("\nThen a blue square came.\n"),
        new GeneratedDocument.Image(TestImages.gradient(2, 2, 1)),
        new GeneratedDocument.Image(TestImages.gradient(2, 2, 2)));

    assertThat(markdown).isEqualTo("""
        Once there was a red circle.

        ![image 0](img-0.png)

        Then a blue square came.

        ![image 1](img-1.png)

        ![image 2](img-2.png)
        """);
  }

  @Test
  void blankText_isLeftOut() {
    assertThat(render(new GeneratedDocument.Text("  \n"), new GeneratedDocument.Image(TestImages.gradient(1, 1, 0))))
        .isEqualTo("![image 0](img-0.png)\n");
  }

  @Test
  void emptyDocument_isAnEmptyFile() {
    assertThat(render()).isEmpty();
  }

  @Test
  void nonAsciiText_isUtf8() {
    byte[] bytes = DocumentMarkdown.render(new GeneratedDocument(List.of(new GeneratedDocument.Text("ünïcødé ✓"))));

    assertThat(bytes).isEqualTo("ünïcødé ✓\n".getBytes(StandardCharsets.UTF_8));
  }
}
