package io.dreamworker.loadtest.report;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleFunction;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * A logarithmic axis whose ticks sit where a reader wants them and say what they mean, instead of
 * LogAxis's powers of ten written as exponents: latencies at 1-2-5 steps in human units
 * ({@code 200 ms}, {@code 1 s}), percentiles at 50%, 90%, 99%, 99.9%.
 */
final class LabelledLogAxis extends LogAxis {
  /** Fewer ticks than this leave a reader guessing the scale: a finer set is tried. */
  private static final int MIN_TICKS = 5;
  /** Room left beyond the data at either end, as a factor. */
  private static final double MARGIN = 1.25;
  /** The narrowest range shown, as upper / lower. */
  private static final double MIN_SPAN = 4;
  /** Mantissas of the tick sets from coarsest to finest: decades, 1-2-5, then finer. */
  private static final List<double[]> MANTISSAS = List.of(new double[] {1}, new double[] {1, 2, 5},
      new double[] {1, 1.5, 2, 3, 5, 7}, new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9});
  /** The percentile axis' ticks, as 1 / (1 - p): 0%, 50%, 90%, 99%... */
  private static final double[] ONE_IN = {1, 2, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000};

  /** Where the ticks are within a range, and what each says. */
  private final transient TickPlacement placement;

  /** Places ticks on an axis showing {@code lower} to {@code upper}. */
  interface TickPlacement {
    List<Tick> within(double lower, double upper);
  }

  /** One tick: where, and its label. */
  record Tick(double value, String label) {}

  private LabelledLogAxis(String label, TickPlacement placement) {
    super(label);
    this.placement = Objects.requireNonNull(placement, "placement");
    ChartStyle.style(this);
  }

  /** A latency axis in milliseconds: ticks at 1-2-5 steps (finer when the range is narrow). */
  static LabelledLogAxis latencyMs(String label) {
    return new LabelledLogAxis(label, (lower, upper) -> niceTicks(lower, upper, Units::latencyTick));
  }

  /**
   * A percentile axis whose values are 1 / (1 - p), so that each further nine gets as much room as
   * the one before: ticks at 0%, 50%, 90%, 99%, 99.9%...
   */
  static LabelledLogAxis percentile(String label) {
    return new LabelledLogAxis(label, (lower, upper) -> {
      List<Tick> ticks = new ArrayList<>();
      for (double oneIn : ONE_IN) {
        if (oneIn >= lower && oneIn <= upper) {
          ticks.add(new Tick(oneIn, Units.percent(1 - 1 / oneIn)));
        }
      }
      return ticks;
    });
  }

  /**
   * Shows {@code min} to {@code max} (both > 0) with a margin, and at least a factor of
   * {@value #MIN_SPAN} so that a flat curve still gets ticks around it.
   */
  void fit(double min, double max) {
    double lower = min / MARGIN;
    double upper = max * MARGIN;
    if (upper / lower < MIN_SPAN) {
      double centre = Math.sqrt(lower * upper);
      lower = centre / Math.sqrt(MIN_SPAN);
      upper = centre * Math.sqrt(MIN_SPAN);
    }
    setRange(lower, upper);
  }

  /** Ticks at m x 10^k for the coarsest set of mantissas m that gives at least {@value #MIN_TICKS}. */
  static List<Tick> niceTicks(double lower, double upper, DoubleFunction<String> label) {
    List<Tick> ticks = List.of();
    if (!(lower > 0) || !(upper > lower) || !Double.isFinite(upper)) {
      return ticks;
    }
    for (double[] mantissas : MANTISSAS) {
      ticks = new ArrayList<>();
      for (int k = (int) Math.floor(Math.log10(lower)); k <= (int) Math.ceil(Math.log10(upper)); k++) {
        double decade = Math.pow(10, k);
        for (double m : mantissas) {
          double v = m * decade;
          if (v >= lower && v <= upper) {
            ticks.add(new Tick(v, label.apply(v)));
          }
        }
      }
      if (ticks.size() >= MIN_TICKS) {
        return ticks;
      }
    }
    return ticks;
  }

  @Override
  public List<NumberTick> refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
    g2.setFont(getTickLabelFont());
    TextAnchor anchor;
    if (RectangleEdge.TOP.equals(edge)) {
      anchor = TextAnchor.BOTTOM_CENTER;
    } else if (RectangleEdge.BOTTOM.equals(edge)) {
      anchor = TextAnchor.TOP_CENTER;
    } else if (RectangleEdge.LEFT.equals(edge)) {
      anchor = TextAnchor.CENTER_RIGHT;
    } else {
      anchor = TextAnchor.CENTER_LEFT;
    }
    List<NumberTick> ticks = new ArrayList<>();
    for (Tick t : placement.within(getLowerBound(), getUpperBound())) {
      ticks.add(new NumberTick(TickType.MAJOR, t.value(), t.label(), anchor, anchor, 0.0));
    }
    return ticks;
  }

  @Override
  public boolean equals(Object o) {
    return super.equals(o) && o instanceof LabelledLogAxis other && placement == other.placement;
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }
}
