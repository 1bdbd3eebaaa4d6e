package io.dreamworker.worker.storage;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders {@code document.md}: the document for a person. Text segments become paragraphs and
 * the n-th image {@code ![image n](img-n.png)}, a link relative to the job's folder, so the folder
 * reads as a document once downloaded ({@code aws s3 cp --recursive}) or in a browser of the bucket.
 * Text is written as the model produced it, not escaped: it is prose, and escaping would show.
 */
final class DocumentMarkdown {

  private DocumentMarkdown() {}

  /** The file's UTF-8 bytes: paragraphs separated by a blank line, ending in a newline (empty for no content). */
  static byte[] render(GeneratedDocument document) {
    List<String> paragraphs = new ArrayList<>();
    int images = 0;
    for (GeneratedDocument.Segment segment : document.segments()) {
      switch (segment) {
        case GeneratedDocument.Text text -> {
          String paragraph = text.text().strip();
          if (!paragraph.isEmpty()) {
            paragraphs.add(paragraph);
          }
        }
        case GeneratedDocument.Image image -> {
          paragraphs.add("![image " + images + "](" + JobOutputKeys.imageFileName(images) + ")");
          images++;
        }
      }
    }
    String markdown = paragraphs.isEmpty() ? "" : String.join("\n\n", paragraphs) + "\n";
    return markdown.getBytes(StandardCharsets.UTF_8);
  }
}
