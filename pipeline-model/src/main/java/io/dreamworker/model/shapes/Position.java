package io.dreamworker.model.shapes;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where a shape's box is centred: in one of the four 32x32 quadrants of the 64x64 image, or in the
 * image. The declaration order is reading order, which is also the order of shapes in a {@link Scene}.
 */
public enum Position {
  TOP_LEFT("top left", 16, 16),
  TOP_RIGHT("top right", 48, 16),
  BOTTOM_LEFT("bottom left", 16, 48),
  BOTTOM_RIGHT("bottom right", 48, 48),
  CENTER("center", 32, 32);

  private final String word;
  private final int centerX;
  private final int centerY;

  Position(String word, int centerX, int centerY) {
    this.word = word;
    this.centerX = centerX;
    this.centerY = centerY;
  }

  /** The position's name, e.g. {@code top left}. */
  public String word() {
    return word;
  }

  /** The caption phrase: {@code at the top left}, but {@code in the center}. */
  public String phrase() {
    return this == CENTER ? "in the center" : "at the " + word;
  }

  /** Box centre in pixel coordinates (x to the right, y down; pixel i spans [i, i+1)). */
  public int centerX() {
    return centerX;
  }

  public int centerY() {
    return centerY;
  }

  public boolean isQuadrant() {
    return this != CENTER;
  }

  public static Optional<Position> fromWord(String word) {
    return Arrays.stream(values()).filter(p -> p.word.equals(word)).findFirst();
  }
}
