package io.dreamworker.loadtest.report;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The sizing chart: p50, p95 and p99 latency (log scale) against achieved throughput, a point per
 * step joined in the order of offered load. Each series has its colour, each percentile its line
 * style (solid p50, dashed p95, dotted p99). Where a curve turns upward is where the fleet stops
 * buying throughput with latency.
 */
final class LatencyThroughputChart {
  /** The percentiles drawn, with their names in the legend. */
  private static final List<Double> PERCENTILES = List.of(50.0, 95.0, 99.0);
  private static final List<String> PERCENTILE_NAMES = List.of("p50", "p95", "p99");

  private LatencyThroughputChart() {}

  static JFreeChart build(List<Series> series) {
    String title = ChartKind.LATENCY_VS_THROUGHPUT.title();
    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      for (int j = 0; j < PERCENTILES.size(); j++) {
        XYSeries line = new XYSeries(s.label() + " " + PERCENTILE_NAMES.get(j), false, true);
        for (StepResult step : s.steps()) {
          double ms = step.all().latency().percentileMs(PERCENTILES.get(j));
          if (ms > 0) {
            line.add(step.throughput(), ms);
            min = Math.min(min, ms);
            max = Math.max(max, ms);
          }
        }
        if (line.getItemCount() == 0) {
          continue;
        }
        int index = data.getSeriesCount();
        data.addSeries(line);
        renderer.setSeriesPaint(index, ChartStyle.color(i));
        renderer.setSeriesStroke(index, ChartStyle.stroke(j));
        renderer.setSeriesShape(index, ChartStyle.shape(0));
      }
    }
    if (data.getSeriesCount() == 0) {
      return ChartStyle.noData(title, "no step completed a job");
    }
    NumberAxis throughput = ChartStyle.style(new NumberAxis("achieved throughput (jobs/s)"));
    throughput.setAutoRangeIncludesZero(true);
    LabelledLogAxis latency = LabelledLogAxis.latencyMs("end-to-end latency (log scale)");
    latency.fit(min, max);
    XYPlot plot = new XYPlot(data, throughput, latency, renderer);
    ChartStyle.style(plot);
    return ChartStyle.chart(title, plot, true);
  }
}
