package io.dreamworker.model.shapes;

import io.dreamworker.model.shapes.JudgeReading.ShapeReading;
import io.dreamworker.model.text.SpecialTokens;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The shapes world's scoring for the {@code eval} command: per-attribute accuracy of judged (or parsed)
 * scenes against the expected ones, and placement of {@code <dream>} markers in a generated story against
 * its template, sentence by sentence.
 */
public final class Evaluation {

  private Evaluation() {
  }

  /**
   * Accuracy of judged images against the scenes they should show. Each expected shape is paired with
   * the judged shape at its position, or failing that with the unpaired judged shape that agrees on the
   * most of shape, colour and size (so a right shape in the wrong place still scores its other
   * attributes); with none left, all its attributes count as wrong. Unreadable images still contribute
   * the shapes the judge found.
   */
  public static AttributeAccuracy attributes(List<Scene> expected, List<JudgeReading> judged) {
    if (expected.size() != judged.size()) {
      throw new IllegalArgumentException("expected " + expected.size() + " scenes but got " + judged.size()
          + " judge readings: pass one reading per expected scene");
    }
    int shapes = 0;
    int shape = 0;
    int color = 0;
    int size = 0;
    int position = 0;
    int background = 0;
    int all = 0;
    for (int i = 0; i < expected.size(); i++) {
      Scene want = expected.get(i);
      JudgeReading got = judged.get(i);
      List<ShapeSpec> unpaired = new ArrayList<>(got.shapes().stream().map(ShapeReading::spec).toList());
      for (ShapeSpec w : want.shapes()) {
        shapes++;
        Optional<ShapeSpec> pair = pair(w, unpaired);
        if (pair.isEmpty()) {
          continue;
        }
        ShapeSpec g = pair.get();
        unpaired.remove(g);
        shape += g.shape() == w.shape() ? 1 : 0;
        color += g.color() == w.color() ? 1 : 0;
        size += g.size() == w.size() ? 1 : 0;
        position += g.position() == w.position() ? 1 : 0;
      }
      background += got.background().filter(want.background()::equals).isPresent() ? 1 : 0;
      all += got.scene().filter(want::equals).isPresent() ? 1 : 0;
    }
    int scenes = expected.size();
    return new AttributeAccuracy(scenes, shapes, ratio(shape, shapes), ratio(color, shapes), ratio(size, shapes),
        ratio(position, shapes), ratio(background, scenes), ratio(all, scenes));
  }

  /** Accuracy of generated captions: each is parsed, and text outside the grammar scores nothing. */
  public static AttributeAccuracy captions(List<Scene> expected, List<String> captions) {
    List<JudgeReading> readings = captions.stream().map(Evaluation::readCaption).toList();
    return attributes(expected, readings);
  }

  /** Fraction of generated captions exactly equal to the reference caption of their scene. */
  public static double captionExact(List<Scene> expected, List<String> captions) {
    if (expected.size() != captions.size()) {
      throw new IllegalArgumentException("expected " + expected.size() + " scenes but got " + captions.size()
          + " captions");
    }
    int exact = 0;
    for (int i = 0; i < expected.size(); i++) {
      exact += Captions.caption(expected.get(i)).equals(captions.get(i).strip()) ? 1 : 0;
    }
    return ratio(exact, expected.size());
  }

  /**
   * Scores where a story the model wrote puts its {@code <dream>} markers, by the story templates' rule:
   * a picture follows every sentence that describes a scene (a lead-in such as {@code then it grows:}
   * and then a full caption, see {@link #describedScene}) and no other sentence. The story is the
   * model's own, not a template drawn beside it: a prompt such as {@code write a short story with
   * pictures about a red circle.} does not say whether the story opens with an introduction or how many
   * pictures it has, so only the rule can be checked. A marker belongs to the sentence whose period
   * precedes it; a marker before any period, or a second one after a sentence, is always wrong.
   */
  public static PlacementScore placement(String generated) {
    List<Optional<Scene>> described = sentenceScenes(generated);
    Set<Integer> expected = new HashSet<>();
    for (int i = 0; i < described.size(); i++) {
      if (described.get(i).isPresent()) {
        expected.add(i);
      }
    }
    Set<Integer> hit = new HashSet<>();
    int truePositives = 0;
    int falsePositives = 0;
    for (int sentence : markerSentences(generated)) {
      if (expected.contains(sentence) && hit.add(sentence)) {
        truePositives++;
      } else {
        falsePositives++;
      }
    }
    return new PlacementScore(truePositives, falsePositives, expected.size() - truePositives);
  }

  /**
   * The scene each sentence of {@code text} describes, in order ({@code <dream>} markers removed; a
   * sentence ends at its period, and trailing text without one is not a sentence).
   */
  public static List<Optional<Scene>> sentenceScenes(String text) {
    List<Optional<Scene>> out = new ArrayList<>();
    String plain = text.replace(SpecialTokens.DREAM, " ");
    int from = 0;
    for (int dot = plain.indexOf('.'); dot >= 0; dot = plain.indexOf('.', from)) {
      out.add(describedScene(plain.substring(from, dot)));
      from = dot + 1;
    }
    return out;
  }

  /**
   * The scene a story sentence describes: the text after its last {@code :} or {@code ,} (story
   * lead-ins end with one; captions contain neither), if that is a caption.
   */
  public static Optional<Scene> describedScene(String sentence) {
    int cut = Math.max(sentence.lastIndexOf(':'), sentence.lastIndexOf(','));
    String tail = sentence.substring(cut + 1).strip();
    try {
      return Optional.of(Captions.parse(tail));
    } catch (CaptionParseException e) {
      return Optional.empty();
    }
  }

  /** For each {@code <dream>} marker in order, the index of the sentence it follows, -1 before any. */
  public static List<Integer> markerSentences(String text) {
    List<Integer> out = new ArrayList<>();
    int periods = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.startsWith(SpecialTokens.DREAM, i)) {
        out.add(periods - 1);
        i += SpecialTokens.DREAM.length() - 1;
      } else if (text.charAt(i) == '.') {
        periods++;
      }
    }
    return out;
  }

  private static JudgeReading readCaption(String caption) {
    try {
      Scene scene = Captions.parse(caption);
      List<ShapeReading> shapes = scene.shapes().stream().map(s -> new ShapeReading(s, 0, 0, 0, 1)).toList();
      return new JudgeReading(Optional.of(scene), Optional.of(scene.background()), shapes, 1, "");
    } catch (CaptionParseException e) {
      return JudgeReading.unreadable(Optional.empty(), List.of(), e.getMessage());
    }
  }

  private static Optional<ShapeSpec> pair(ShapeSpec want, List<ShapeSpec> candidates) {
    Optional<ShapeSpec> samePlace = candidates.stream().filter(c -> c.position() == want.position()).findFirst();
    if (samePlace.isPresent()) {
      return samePlace;
    }
    ShapeSpec best = null;
    int bestAgreement = -1;
    for (ShapeSpec c : candidates) {
      int agreement = (c.shape() == want.shape() ? 1 : 0) + (c.color() == want.color() ? 1 : 0)
          + (c.size() == want.size() ? 1 : 0);
      if (agreement > bestAgreement) {
        bestAgreement = agreement;
        best = c;
      }
    }
    return Optional.ofNullable(best);
  }

  private static double ratio(int count, int total) {
    return total == 0 ? 0 : count / (double) total;
  }
}
