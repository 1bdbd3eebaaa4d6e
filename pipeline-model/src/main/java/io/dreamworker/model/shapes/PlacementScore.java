package io.dreamworker.model.shapes;

/**
 * Counts of {@code <dream>} markers placed after the right sentence (true positives), after a sentence
 * that has no picture or twice after one (false positives), and missing (false negatives). Add scores of
 * many stories with {@link #plus} for micro-averaged precision, recall and F1.
 */
public record PlacementScore(int truePositives, int falsePositives, int falseNegatives) {

  public static final PlacementScore ZERO = new PlacementScore(0, 0, 0);

  public PlacementScore plus(PlacementScore other) {
    return new PlacementScore(truePositives + other.truePositives, falsePositives + other.falsePositives,
        falseNegatives + other.falseNegatives);
  }

  /** 1 when nothing was placed, since nothing was placed wrongly. */
  public double precision() {
    int placed = truePositives + falsePositives;
    return placed == 0 ? 1 : truePositives / (double) placed;
  }

  /** 1 when nothing was expected. */
  public double recall() {
    int expected = truePositives + falseNegatives;
    return expected == 0 ? 1 : truePositives / (double) expected;
  }

  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
}
