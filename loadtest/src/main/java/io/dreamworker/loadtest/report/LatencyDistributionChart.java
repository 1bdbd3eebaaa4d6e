package io.dreamworker.loadtest.report;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Latency by percentile, as HdrHistogram plots it: one curve per series, of the whole distribution
 * of one step (its knee unless the caller chose another, see {@link ReportPlan#of}). The x axis is
 * 1 / (1 - p) on a log scale, so 90%, 99% and 99.9% are equally far apart and the tail gets the
 * room it deserves. The curve ends at x = the number of jobs (one job in that many), with the
 * maximum: HdrHistogram's iteration goes on to finer levels than the jobs can resolve, and those
 * points are drawn there too.
 */
final class LatencyDistributionChart {
  /** Room beyond the last point, as a factor of x. */
  private static final double X_MARGIN = 1.3;
  /** The axis reaches at least 90% (x = 10), so that a small step still shows a scale. */
  private static final double MIN_X_UPPER = 10;

  private LatencyDistributionChart() {}

  static JFreeChart build(List<ReportPlan.SeriesPlan> plans) {
    String title = ChartKind.LATENCY_DISTRIBUTION.title();
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    double maxX = MIN_X_UPPER;
    for (int i = 0; i < plans.size(); i++) {
      ReportPlan.SeriesPlan plan = plans.get(i);
      LatencyDistribution latency = plan.distributionStep().all().latency();
      XYSeries curve = new XYSeries(legend(plan), false, true);
      double x = 1;
      for (PercentilePoint point : latency.curve()) {
        // Past one job in count, the iteration's finer levels all read the maximum: they sit at count.
        x = point.percentile() < 100 ? Math.min(1 / (1 - point.percentile() / 100), latency.count()) : latency.count();
        if (point.ms() > 0) {
          curve.add(x, point.ms());
          min = Math.min(min, point.ms());
          max = Math.max(max, point.ms());
        }
      }
      if (curve.getItemCount() == 0) {
        continue;
      }
      maxX = Math.max(maxX, x);
      int index = data.getSeriesCount();
      data.addSeries(curve);
      renderer.setSeriesPaint(index, ChartStyle.color(i));
      renderer.setSeriesStroke(index, ChartStyle.stroke(0));
    }
    if (data.getSeriesCount() == 0) {
      return ChartStyle.noData(title, "no chosen step completed a job");
    }
    LabelledLogAxis percentile = LabelledLogAxis.percentile("percentile (log scale of 1 / (1 - p))");
    percentile.setRange(1, maxX * X_MARGIN);
    LabelledLogAxis latencyAxis = LabelledLogAxis.latencyMs("end-to-end latency (log scale)");
    latencyAxis.fit(min, max);
    XYPlot plot = new XYPlot(data, percentile, latencyAxis, renderer);
    ChartStyle.style(plot);
    return ChartStyle.chart(title, plot, true);
  }

  /** {@code "1 worker, continuous at 4.00 jobs/s (knee)"}: the series, the step, and why that step. */
  static String legend(ReportPlan.SeriesPlan plan) {
    StepResult step = plan.distributionStep();
    String why;
    if (plan.distributionChosen()) {
      why = "chosen";
    } else if (plan.knee().isKnee(step)) {
      why = "knee";
    } else {
      why = "lowest load: no step qualified as the knee";
    }
    return step.describe() + " (" + why + ", " + Units.count(step.all().count()) + " jobs)";
  }
}
