package io.dreamworker.model.shapes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The caption grammar of the shapes world and its inverse:
 *
 * <pre>
 * caption    := phrase [" and " phrase] " on a " background " background"
 * phrase     := "a " size " " color " " shape " " place
 * place      := "at the " ("top left" | "top right" | "bottom left" | "bottom right") | "in the center"
 * </pre>
 *
 * e.g. {@code a small red circle at the top left and a large blue square at the bottom right on a white
 * background}. Parsing tolerates what a language model's output adds around a caption (leading and
 * trailing whitespace, runs of spaces, one final period) but nothing else.
 */
public final class Captions {

  private Captions() {
  }

  public static String caption(Scene scene) {
    return shapesPhrase(scene) + " on a " + scene.background().word() + " background";
  }

  /** The shape phrases joined by {@code and}, without the background phrase. */
  public static String shapesPhrase(Scene scene) {
    return scene.shapes().stream().map(Captions::phrase).collect(Collectors.joining(" and "));
  }

  public static String phrase(ShapeSpec spec) {
    return "a " + spec.size().word() + " " + spec.color().word() + " " + spec.shape().word() + " "
        + spec.position().phrase();
  }

  /** Parses a caption back into its scene; throws {@link CaptionParseException} for any other text. */
  public static Scene parse(String caption) {
    String text = caption.strip();
    if (text.endsWith(".")) {
      text = text.substring(0, text.length() - 1).strip();
    }
    return new Reader(caption, text.isEmpty() ? new String[0] : text.split(" +")).scene();
  }

  /** A cursor over the caption's words; each expectation fails with the word index and the options. */
  private static final class Reader {
    private final String original;
    private final String[] words;
    private int at;

    Reader(String original, String[] words) {
      this.original = original;
      this.words = words;
    }

    Scene scene() {
      List<ShapeSpec> shapes = new ArrayList<>();
      shapes.add(phrase());
      while (peek("and")) {
        at++;
        shapes.add(phrase());
      }
      expect("on");
      expect("a");
      Background background = word("a background", Background.values(), Background::word, Background::fromWord);
      expect("background");
      if (at < words.length) {
        throw fail("end of caption", words[at]);
      }
      try {
        return new Scene(background, shapes);
      } catch (IllegalArgumentException e) {
        throw new CaptionParseException("caption describes an invalid scene (" + e.getMessage() + "): '"
            + original + "'");
      }
    }

    private ShapeSpec phrase() {
      expect("a");
      Size size = word("a size", Size.values(), Size::word, Size::fromWord);
      ShapeColor color = word("a colour", ShapeColor.values(), ShapeColor::word, ShapeColor::fromWord);
      Shape shape = word("a shape", Shape.values(), Shape::word, Shape::fromWord);
      Position position;
      if (peek("in")) {
        at++;
        expect("the");
        expect("center");
        position = Position.CENTER;
      } else {
        expect("at");
        expect("the");
        String vertical = next("top or bottom");
        if (!vertical.equals("top") && !vertical.equals("bottom")) {
          at--;
          throw fail("'in the center' or 'at the' followed by top or bottom", vertical);
        }
        String horizontal = next("left or right");
        position = Position.fromWord(vertical + " " + horizontal).filter(Position::isQuadrant)
            .orElseThrow(() -> {
              at--;
              return fail("left or right", horizontal);
            });
      }
      return new ShapeSpec(shape, color, size, position);
    }

    private <T> T word(String what, T[] options, Function<T, String> name, Function<String, Optional<T>> lookup) {
      String word = next(what);
      return lookup.apply(word).orElseThrow(() -> {
        at--;
        return fail(what + " (" + Arrays.stream(options).map(name).collect(Collectors.joining(", ")) + ")", word);
      });
    }

    private boolean peek(String word) {
      return at < words.length && words[at].equals(word);
    }

    private void expect(String word) {
      String found = next("'" + word + "'");
      if (!found.equals(word)) {
        at--;
        throw fail("'" + word + "'", found);
      }
    }

    private String next(String what) {
      if (at >= words.length) {
        throw new CaptionParseException("expected " + what + " after word " + words.length
            + " but the caption ended: '" + original + "'");
      }
      return words[at++];
    }

    private CaptionParseException fail(String expected, String found) {
      return new CaptionParseException("expected " + expected + " at word " + (at + 1) + " but found '" + found
          + "' in caption '" + original + "'");
    }
  }
}
