package io.dreamworker.loadtest.report;

/**
 * One point of a latency distribution: the latency that {@code percentile} percent of the jobs did
 * not exceed.
 *
 * @param percentile from 0 to 100
 * @param ms the latency in milliseconds
 */
public record PercentilePoint(double percentile, double ms) {

  public PercentilePoint {
    if (!(percentile >= 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be within [0, 100], got " + percentile);
    }
    Checks.finiteNonNegative(ms, "percentile point ms");
  }
}
