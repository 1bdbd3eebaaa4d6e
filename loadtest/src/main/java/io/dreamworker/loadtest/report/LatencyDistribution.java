package io.dreamworker.loadtest.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * An immutable latency distribution: a private copy of an HdrHistogram whose values are
 * microseconds, read in milliseconds.
 *
 * <p>HdrHistogram's histograms are mutable, and the sweep driver keeps recording into its own; the
 * copy taken here is what the report shows, whatever the driver records afterwards. The copy is
 * never handed out: {@link #toHistogram()} returns a fresh one.
 *
 * <p>An empty distribution has no percentiles: they read as {@code NaN} (shown as a dash), where
 * HdrHistogram itself would say 0.
 */
public final class LatencyDistribution {
  /** Significant digits of a new histogram: values within 0.1% (1 ms in a 1 s job). */
  public static final int SIGNIFICANT_DIGITS = 3;
  /** The percentiles written with each distribution in results.json, enough to re-plot its shape. */
  public static final List<Double> STANDARD_PERCENTILES =
      List.of(0.0, 10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.5, 99.9, 99.95, 99.99, 99.999, 100.0);
  /** Points per halving of the distance to 100% in {@link #curve()}: HdrHistogram's own plots use 5. */
  public static final int CURVE_TICKS_PER_HALF_DISTANCE = 5;
  private static final double MICROS_PER_MILLI = 1_000.0;
  private static final LatencyDistribution EMPTY = new LatencyDistribution(newHistogram());

  private final Histogram micros;

  private LatencyDistribution(Histogram micros) {
    this.micros = micros;
  }

  /**
   * A histogram to record latencies into, in microseconds: {@value #SIGNIFICANT_DIGITS} significant
   * digits, growing to whatever value is recorded (a stuck job's hours included) instead of
   * throwing.
   */
  public static Histogram newHistogram() {
    return new Histogram(SIGNIFICANT_DIGITS);
  }

  /** A copy of {@code histogramMicros}, whose values are microseconds. */
  public static LatencyDistribution ofMicros(AbstractHistogram histogramMicros) {
    Objects.requireNonNull(histogramMicros, "histogramMicros");
    Histogram copy = new Histogram(histogramMicros);
    copy.add(histogramMicros);
    return new LatencyDistribution(copy);
  }

  /** The distribution of no values. */
  public static LatencyDistribution empty() {
    return EMPTY;
  }

  /** How many values were recorded. */
  public long count() {
    return micros.getTotalCount();
  }

  public boolean isEmpty() {
    return micros.getTotalCount() == 0;
  }

  /** The latency at {@code percentile} (0 to 100) in milliseconds, or {@code NaN} when empty. */
  public double percentileMs(double percentile) {
    if (!(percentile >= 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be within [0, 100], got " + percentile);
    }
    return isEmpty() ? Double.NaN : micros.getValueAtPercentile(percentile) / MICROS_PER_MILLI;
  }

  public double p50Ms() {
    return percentileMs(50);
  }

  public double p95Ms() {
    return percentileMs(95);
  }

  public double p99Ms() {
    return percentileMs(99);
  }

  public double p999Ms() {
    return percentileMs(99.9);
  }

  /** The largest value in milliseconds (to the histogram's precision), or {@code NaN} when empty. */
  public double maxMs() {
    return isEmpty() ? Double.NaN : micros.getMaxValue() / MICROS_PER_MILLI;
  }

  /** The mean in milliseconds, or {@code NaN} when empty. */
  public double meanMs() {
    return isEmpty() ? Double.NaN : micros.getMean() / MICROS_PER_MILLI;
  }

  /** The latency at each of {@code percentiles}; empty when the distribution is. */
  public List<PercentilePoint> atPercentiles(List<Double> percentiles) {
    if (isEmpty()) {
      return List.of();
    }
    List<PercentilePoint> points = new ArrayList<>(percentiles.size());
    for (double p : percentiles) {
      points.add(new PercentilePoint(p, percentileMs(p)));
    }
    return Collections.unmodifiableList(points);
  }

  /** {@link #atPercentiles} at the {@link #STANDARD_PERCENTILES}. */
  public List<PercentilePoint> standardPercentiles() {
    return atPercentiles(STANDARD_PERCENTILES);
  }

  /**
   * The whole distribution as HdrHistogram iterates it for its percentile plots: from 0% to 100%,
   * {@value #CURVE_TICKS_PER_HALF_DISTANCE} points each time the distance to 100% halves, so the
   * tail is drawn as finely as the middle. Empty when the distribution is.
   */
  public List<PercentilePoint> curve() {
    if (isEmpty()) {
      return List.of();
    }
    List<PercentilePoint> points = new ArrayList<>();
    for (HistogramIterationValue v : micros.percentiles(CURVE_TICKS_PER_HALF_DISTANCE)) {
      double percentile = Math.min(100.0, v.getPercentileLevelIteratedTo());
      points.add(new PercentilePoint(percentile, v.getValueIteratedTo() / MICROS_PER_MILLI));
    }
    return Collections.unmodifiableList(points);
  }

  /** A new, mutable copy of the histogram (microseconds), e.g. to merge several distributions. */
  public Histogram toHistogram() {
    return micros.copy();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatencyDistribution other && micros.equals(other.micros);
  }

  @Override
  public int hashCode() {
    return micros.hashCode();
  }

  @Override
  public String toString() {
    return isEmpty() ? "LatencyDistribution[empty]"
        : "LatencyDistribution[count=" + count() + ", p50=" + p50Ms() + " ms, p95=" + p95Ms() + " ms, max=" + maxMs()
            + " ms]";
  }
}
