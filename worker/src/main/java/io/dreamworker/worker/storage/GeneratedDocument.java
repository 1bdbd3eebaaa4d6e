package io.dreamworker.worker.storage;

import io.dreamworker.model.generation.Document;
import io.dreamworker.model.image.RgbImage;
import java.util.List;

/**
 * What a job produced, as the output files present it: text and images in the order the model
 * produced them. The n-th image (from 0) is written as {@code img-{n}.png}.
 *
 * @param segments in order
 */
public record GeneratedDocument(List<Segment> segments) {

  public GeneratedDocument {
    segments = List.copyOf(segments);
  }

  /** One part of the document. */
  public sealed interface Segment permits Text, Image {}

  /** Generated text. */
  public record Text(String text) implements Segment {
    public Text {
      if (text == null) {
        throw new IllegalArgumentException("text must not be null");
      }
    }
  }

  /** A generated image, written as PNG. */
  public record Image(RgbImage image) implements Segment {
    public Image {
      if (image == null) {
        throw new IllegalArgumentException("image must not be null");
      }
    }
  }

  /** An interleaved job's document, as the engine returns it. */
  public static GeneratedDocument of(Document document) {
    return new GeneratedDocument(document.segments().stream()
        .map(segment -> switch (segment) {
          case Document.Text text -> (Segment) new Text(text.text());
          case Document.Image image -> new Image(image.image());
        })
        .toList());
  }

  /** A text-to-image job's one image. */
  public static GeneratedDocument ofImage(RgbImage image) {
    return new GeneratedDocument(List.of(new Image(image)));
  }

  /** The images, in order: the n-th is {@code img-{n}.png}. */
  public List<RgbImage> images() {
    return segments.stream().filter(Image.class::isInstance).map(s -> ((Image) s).image()).toList();
  }
}
