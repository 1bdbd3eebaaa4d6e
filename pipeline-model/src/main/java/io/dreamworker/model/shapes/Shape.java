package io.dreamworker.model.shapes;

import java.util.Arrays;
import java.util.Optional;

/** The three shape classes of the shapes world; {@link #word()} is the caption vocabulary. */
public enum Shape {
  CIRCLE("circle"),
  SQUARE("square"),
  /** Upright equilateral: apex on top, base horizontal. */
  TRIANGLE("triangle");

  private final String word;

  Shape(String word) {
    this.word = word;
  }

  public String word() {
    return word;
  }

  public static Optional<Shape> fromWord(String word) {
    return Arrays.stream(values()).filter(s -> s.word.equals(word)).findFirst();
  }
}
