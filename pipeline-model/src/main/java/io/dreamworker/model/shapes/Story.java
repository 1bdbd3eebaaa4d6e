package io.dreamworker.model.shapes;

import io.dreamworker.model.text.SpecialTokens;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * An interleaved document of the shapes world: sentences, some followed by the picture they describe.
 * In {@link #text()} each picture is a {@code <dream>} marker right after its sentence, which is where
 * DreamLLM is taught to start generating an image.
 *
 * @param template the template's name, for grouping evaluation results
 * @param subject the first picture's first shape, what a story prompt names
 */
public record Story(String template, ShapeSpec subject, List<Sentence> sentences) {

  public Story {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(subject, "subject");
    sentences = List.copyOf(sentences);
  }

  /** One sentence ending in a period, and the picture that follows it, if any. */
  public record Sentence(String text, Optional<Scene> picture) {
    public Sentence {
      if (!text.endsWith(".") || text.indexOf('.') != text.length() - 1) {
        throw new IllegalArgumentException("a story sentence ends with its only period, got '" + text + "'");
      }
    }
  }

  /** Sentences joined by spaces, each picture sentence followed by {@code " <dream>"}. */
  public String text() {
    StringBuilder out = new StringBuilder();
    for (Sentence sentence : sentences) {
      if (!out.isEmpty()) {
        out.append(' ');
      }
      out.append(sentence.text());
      sentence.picture().ifPresent(p -> out.append(' ').append(SpecialTokens.DREAM));
    }
    return out.toString();
  }

  /** The pictures in order, one per {@code <dream>} marker. */
  public List<Scene> pictures() {
    return sentences.stream().flatMap(s -> s.picture().stream()).toList();
  }

  /** Indices of the sentences followed by a picture. */
  public List<Integer> pictureSentences() {
    return IntStream.range(0, sentences.size()).filter(i -> sentences.get(i).picture().isPresent()).boxed().toList();
  }
}
