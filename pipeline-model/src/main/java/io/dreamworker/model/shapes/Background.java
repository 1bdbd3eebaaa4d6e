package io.dreamworker.model.shapes;

import java.util.Arrays;
import java.util.Optional;

/** Background colours: pure white or pure black. */
public enum Background {
  WHITE("white", 255),
  BLACK("black", 0);

  private final String word;
  private final int level;

  Background(String word, int level) {
    this.word = word;
    this.level = level;
  }

  public String word() {
    return word;
  }

  /** The value of each of the three channels. */
  public int level() {
    return level;
  }

  public int rgb() {
    return (level << 16) | (level << 8) | level;
  }

  public static Optional<Background> fromWord(String word) {
    return Arrays.stream(values()).filter(b -> b.word.equals(word)).findFirst();
  }
}
