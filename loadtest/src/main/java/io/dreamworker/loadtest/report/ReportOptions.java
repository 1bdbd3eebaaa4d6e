package io.dreamworker.loadtest.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a report is drawn.
 *
 * @param chartWidth width of every chart in pixels
 * @param chartHeight height of every chart in pixels
 * @param distributionSteps for the latency-by-percentile chart, the offered load of the step to
 *     show, by series label; a series not named here shows its knee (see {@link ReportWriter})
 */
public record ReportOptions(int chartWidth, int chartHeight, Map<String, Double> distributionSteps) {
  /** Wide enough for a legend of several series beside readable axes. */
  public static final int DEFAULT_CHART_WIDTH = 1000;
  /** Tall enough for two or three timeline panels stacked. */
  public static final int DEFAULT_CHART_HEIGHT = 600;
  /** Below this a chart's axes and legend leave no room for the plot. */
  public static final int MIN_CHART_SIDE = 200;
  /** Above this a PNG stops being something to embed in a page. */
  public static final int MAX_CHART_SIDE = 8_000;

  public ReportOptions {
    checkSide(chartWidth, "chartWidth");
    checkSide(chartHeight, "chartHeight");
    distributionSteps = Checks.orderedCopy(distributionSteps, "distributionSteps");
    distributionSteps.forEach((series, offered) -> {
      if (!Double.isFinite(offered) || offered <= 0) {
        throw new IllegalArgumentException("distributionSteps[" + series + "] must be an offered load > 0, got "
            + offered);
      }
    });
  }

  /** {@value #DEFAULT_CHART_WIDTH} x {@value #DEFAULT_CHART_HEIGHT} charts, each series' knee in the distribution chart. */
  public static ReportOptions defaults() {
    return new ReportOptions(DEFAULT_CHART_WIDTH, DEFAULT_CHART_HEIGHT, Map.of());
  }

  /** These options with charts of {@code width} x {@code height} pixels. */
  public ReportOptions withChartSize(int width, int height) {
    return new ReportOptions(width, height, distributionSteps);
  }

  /** These options with the distribution chart showing {@code series}' step at {@code offered}. */
  public ReportOptions withDistributionStep(String series, double offered) {
    Map<String, Double> steps = new LinkedHashMap<>(distributionSteps);
    steps.put(series, offered);
    return new ReportOptions(chartWidth, chartHeight, steps);
  }

  private static void checkSide(int pixels, String what) {
    if (pixels < MIN_CHART_SIDE || pixels > MAX_CHART_SIDE) {
      throw new IllegalArgumentException(what + " must be within [" + MIN_CHART_SIDE + ", " + MAX_CHART_SIDE
          + "] pixels, got " + pixels);
    }
  }
}
