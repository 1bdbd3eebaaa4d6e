package io.dreamworker.model.shapes;

import io.dreamworker.model.shapes.Story.Sentence;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Seeded generator of interleaved stories. Every picture sentence carries the picture's full caption
 * (background included), so a picture can be checked against its own sentence alone; the words around
 * the caption vary so the model has to learn where pictures go rather than memorise one layout. Some
 * stories open with a sentence that has no picture, and some close with one ("the end."), so placement is
 * not simply "after every sentence".
 *
 * <p>Templates, 1 to 3 pictures each: {@link Template#GROW} (a small shape grows into the center),
 * {@link Template#MOVE} (a shape moves between quadrants), {@link Template#APPEAR} (a second shape
 * appears, and may leave again), {@link Template#RECOLOR} (a shape changes colour), {@link Template#NIGHT}
 * (the background flips), {@link Template#PORTRAIT} (one picture between picture-less sentences).
 */
public final class Stories {

  /** The story templates; {@link #next()} draws them with equal chance. */
  public enum Template {
    GROW, MOVE, APPEAR, RECOLOR, NIGHT, PORTRAIT
  }

  private static final String[] FIRST = {"first,", "at the start,", "in the beginning,", "to begin,"};
  private static final String[] GROW = {"then it grows:", "then it gets bigger:", "next, it grows:"};
  private static final String[] MOVE = {"then it moves to the %s:", "next, it slides to the %s:",
      "after that, it jumps to the %s:"};
  private static final String[] APPEAR = {"next, %s appears:", "then %s joins it:", "suddenly %s shows up:"};
  private static final String[] LEAVE = {"finally, the %s leaves:", "in the end, the %s goes away:"};
  private static final String[] RECOLOR = {"then it turns %s:", "next, it becomes %s:", "suddenly it changes to %s:"};
  private static final String[] FINALLY = {"finally,", "at last,", "in the end,"};
  private static final String[] INTRO = {"this is a story about %s.", "here is a little story about %s.",
      "once there was %s."};
  private static final String[] OUTRO = {"the end.", "that is all.", "and that is the story."};

  private final SceneSampler random;

  public Stories(long seed) {
    this.random = new SceneSampler(seed);
  }

  public Story next() {
    return next(random.pick(Template.values()));
  }

  public Story next(Template template) {
    Background background = random.pick(Background.values());
    List<Sentence> sentences = new ArrayList<>();
    ShapeSpec subject;
    switch (template) {
      case GROW -> {
        subject = random.spec(random.pick(Position.values())).withSize(Size.SMALL);
        picture(sentences, random.pick(FIRST), Scene.of(background, subject));
        ShapeSpec grown = subject.withSize(Size.LARGE).withPosition(Position.CENTER);
        picture(sentences, random.pick(GROW), Scene.of(background, grown));
        if (random.nextInt(2) == 0) {
          Position to = quadrant();
          picture(sentences, random.pick(FINALLY) + " it moves to the " + to.word() + ":",
              Scene.of(background, grown.withPosition(to)));
        }
      }
      case MOVE -> {
        Position from = quadrant();
        subject = random.spec(from);
        picture(sentences, random.pick(FIRST), Scene.of(background, subject));
        int moves = 1 + random.nextInt(2);
        Position at = from;
        for (int i = 0; i < moves; i++) {
          Position to = otherThan(at, i == moves - 1);
          String wording = i == moves - 1 && moves > 1 ? random.pick(FINALLY) + " it stops %s:" : random.pick(MOVE);
          String place = i == moves - 1 && moves > 1 ? to.phrase() : to.word();
          picture(sentences, String.format(wording, place), Scene.of(background, subject.withPosition(to)));
          at = to;
        }
      }
      case APPEAR -> {
        Position first = quadrant();
        subject = random.spec(first);
        picture(sentences, random.pick(FIRST), Scene.of(background, subject));
        ShapeSpec newcomer = random.spec(otherThan(first, false));
        List<ShapeSpec> both = new ArrayList<>(List.of(subject, newcomer));
        both.sort((a, b) -> a.position().compareTo(b.position()));
        picture(sentences, String.format(random.pick(APPEAR), withArticle(name(newcomer, true))), new Scene(background, both));
        if (random.nextInt(2) == 0) {
          picture(sentences, String.format(random.pick(LEAVE), name(newcomer, false)), Scene.of(background, subject));
        }
      }
      case RECOLOR -> {
        subject = random.spec(random.pick(Position.values()));
        picture(sentences, random.pick(FIRST), Scene.of(background, subject));
        ShapeSpec current = subject;
        int changes = 1 + random.nextInt(2);
        for (int i = 0; i < changes; i++) {
          ShapeColor to = otherColor(current.color());
          current = current.withColor(to);
          String wording = i == changes - 1 && changes > 1
              ? random.pick(FINALLY) + " it turns %s:" : random.pick(RECOLOR);
          picture(sentences, String.format(wording, to.word()), Scene.of(background, current));
        }
      }
      case NIGHT -> {
        subject = random.spec(random.pick(Position.values()));
        picture(sentences, random.pick(FIRST), Scene.of(background, subject));
        Background flipped = background == Background.WHITE ? Background.BLACK : Background.WHITE;
        String wording = flipped == Background.BLACK ? "then night falls:" : "then the sun comes up:";
        picture(sentences, wording, Scene.of(flipped, subject));
      }
      case PORTRAIT -> {
        subject = random.spec(random.pick(Position.values()));
        sentences.add(new Sentence(String.format(random.pick(INTRO), withArticle(name(subject, false))), Optional.empty()));
        picture(sentences, "it sits " + subject.position().phrase() + ":", Scene.of(background, subject));
      }
      default -> throw new IllegalStateException("unhandled template " + template);
    }
    if (template != Template.PORTRAIT && random.nextInt(4) == 0) {
      sentences.add(0, new Sentence(String.format(random.pick(INTRO), withArticle(name(subject, false))), Optional.empty()));
    }
    if (random.nextInt(4) == 0) {
      sentences.add(new Sentence(random.pick(OUTRO), Optional.empty()));
    }
    return new Story(template.name().toLowerCase(java.util.Locale.ROOT), subject, sentences);
  }

  /** {@code red circle}, or with its size, {@code small red circle}. */
  static String name(ShapeSpec spec, boolean withSize) {
    return (withSize ? spec.size().word() + " " : "") + spec.color().word() + " " + spec.shape().word();
  }

  /** {@code an orange circle}, {@code a red circle}: story prose is English, unlike the fixed caption grammar. */
  static String withArticle(String noun) {
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  private static void picture(List<Sentence> sentences, String lead, Scene scene) {
    sentences.add(new Sentence(lead + " " + Captions.caption(scene) + ".", Optional.of(scene)));
  }

  private Position quadrant() {
    return Position.values()[random.nextInt(4)];
  }

  /** Another position than {@code from}: a quadrant, or for a last move also the center. */
  private Position otherThan(Position from, boolean centerAllowed) {
    Position to;
    do {
      to = Position.values()[random.nextInt(centerAllowed ? 5 : 4)];
    } while (to == from);
    return to;
  }

  private ShapeColor otherColor(ShapeColor from) {
    ShapeColor to;
    do {
      to = random.pick(ShapeColor.values());
    } while (to == from);
    return to;
  }
}
