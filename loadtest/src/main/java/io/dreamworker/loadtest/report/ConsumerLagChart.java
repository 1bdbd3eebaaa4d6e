package io.dreamworker.loadtest.report;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Consumer lag (left axis) and jobs in flight (right axis) over time: one panel per series, its
 * whole sweep with the steps back to back. Lag that keeps growing within a step is the clearest
 * sign that the fleet did not keep up with it.
 */
final class ConsumerLagChart {
  private ConsumerLagChart() {}

  static JFreeChart build(List<Series> series) {
    String title = ChartKind.CONSUMER_LAG_OVER_TIME.title();
    if (series.stream().noneMatch(s -> SweepTimeline.of(s).hasSamples())) {
      return ChartStyle.noData(title, "no step recorded a timeline sample");
    }
    LegendItem lag = ChartStyle.legendLine("consumer lag (records, left axis)", ChartStyle.color(0),
        ChartStyle.stroke(0), ChartStyle.shape(0));
    LegendItem inFlight = ChartStyle.legendLine("in flight (jobs, right axis)", ChartStyle.color(1),
        ChartStyle.stroke(1), ChartStyle.shape(1));
    CombinedDomainXYPlot combined = TimelinePanels.combined(List.of(lag, inFlight));
    for (Series s : series) {
      SweepTimeline timeline = SweepTimeline.of(s);
      if (!timeline.hasSamples()) {
        continue;
      }
      XYPlot panel = new XYPlot(new XYSeriesCollection(TimelinePanels.line("consumer lag", timeline,
          Sample::consumerLag)), null, TimelinePanels.valueAxis("lag (records)"),
          TimelinePanels.renderer(timeline, List.of(lag)));
      panel.setRangeAxis(1, TimelinePanels.valueAxis("in flight (jobs)"));
      panel.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
      panel.setDataset(1, new XYSeriesCollection(TimelinePanels.line("in flight", timeline, Sample::inFlight)));
      panel.mapDatasetToRangeAxis(1, 1);
      panel.setRenderer(1, TimelinePanels.renderer(timeline, List.of(inFlight)));
      TimelinePanels.decorate(panel, timeline);
      combined.add(panel, 1);
    }
    return ChartStyle.chart(title, combined, true);
  }
}
