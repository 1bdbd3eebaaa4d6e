package io.dreamworker.model.shapes;

import java.util.Arrays;
import java.util.Optional;

/** The six named shape colours with the exact RGB values fixed by the domain definition. */
public enum ShapeColor {
  RED("red", 220, 40, 40),
  GREEN("green", 40, 170, 60),
  BLUE("blue", 40, 80, 220),
  YELLOW("yellow", 235, 200, 40),
  PURPLE("purple", 140, 60, 180),
  ORANGE("orange", 240, 130, 30);

  private final String word;
  private final int red;
  private final int green;
  private final int blue;

  ShapeColor(String word, int red, int green, int blue) {
    this.word = word;
    this.red = red;
    this.green = green;
    this.blue = blue;
  }

  public String word() {
    return word;
  }

  public int red() {
    return red;
  }

  public int green() {
    return green;
  }

  public int blue() {
    return blue;
  }

  /** Packed 0xRRGGBB as used by {@code BufferedImage.TYPE_INT_RGB}. */
  public int rgb() {
    return (red << 16) | (green << 8) | blue;
  }

  public static Optional<ShapeColor> fromWord(String word) {
    return Arrays.stream(values()).filter(c -> c.word.equals(word)).findFirst();
  }
}
