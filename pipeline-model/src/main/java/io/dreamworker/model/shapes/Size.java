package io.dreamworker.model.shapes;

import java.util.Arrays;
import java.util.Optional;

/**
 * Size classes: a small shape fits a 16 px box, a large one a 32 px box. The drawn extent leaves a margin
 * of one sixteenth of the box on each side so that two shapes in neighbouring quadrants never touch (a
 * large square filling its whole quadrant would merge with its neighbour into one blob for the judge).
 */
public enum Size {
  SMALL("small", 16),
  LARGE("large", 32);

  private final String word;
  private final int box;

  Size(String word, int box) {
    this.word = word;
    this.box = box;
  }

  public String word() {
    return word;
  }

  /** Side of the box the shape fits in, in pixels. */
  public int box() {
    return box;
  }

  /** Width of the drawn shape (diameter, side, or triangle base): 14 px small, 28 px large. */
  public int extent() {
    return box - box / 8;
  }

  public static Optional<Size> fromWord(String word) {
    return Arrays.stream(values()).filter(s -> s.word.equals(word)).findFirst();
  }
}
