package io.dreamworker.model.generation;

import io.dreamworker.model.image.RgbImage;
import java.util.List;

/**
 * An interleaved document: text and generated images in the order the model produced them.
 *
 * @param segments text and images, in order; adjacent text is one segment
 */
public record Document(List<Segment> segments) {

  public Document {
    segments = List.copyOf(segments);
  }

  /** One part of a document. */
  public sealed interface Segment permits Text, Image {}

  /** Generated text (special tokens removed). */
  public record Text(String text) implements Segment {}

  /** A generated image, with the index of its {@code <dream>} in the document. */
  public record Image(int index, RgbImage image) implements Segment {}

  /** The images, in order. */
  public List<RgbImage> images() {
    return segments.stream()
        .filter(Image.class::isInstance)
        .map(s -> ((Image) s).image())
        .toList();
  }

  /** All text, concatenated. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (Segment s : segments) {
      if (s instanceof Text t) {
        sb.append(t.text());
      }
    }
    return sb.toString();
  }
}
