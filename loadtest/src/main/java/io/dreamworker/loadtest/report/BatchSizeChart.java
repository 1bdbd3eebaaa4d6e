package io.dreamworker.loadtest.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Mean batch rows of each engine stage over time: one panel per series, its whole sweep with the
 * steps back to back, so that batches can be seen filling as the offered load rises. A stage keeps
 * its colour and point shape in every panel.
 */
final class BatchSizeChart {
  private BatchSizeChart() {}

  static JFreeChart build(List<Series> series) {
    String title = ChartKind.BATCH_SIZE_OVER_TIME.title();
    List<String> stages = stages(series);
    if (stages.isEmpty()) {
      return ChartStyle.noData(title, "no sample of any step recorded an engine batch");
    }
    List<LegendItem> styles = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      styles.add(ChartStyle.legendLine(stages.get(i), ChartStyle.color(i), ChartStyle.stroke(0), ChartStyle.shape(i)));
    }
    CombinedDomainXYPlot combined = TimelinePanels.combined(styles);
    for (Series s : series) {
      SweepTimeline timeline = SweepTimeline.of(s);
      if (!timeline.hasSamples()) {
        continue;
      }
      XYSeriesCollection data = new XYSeriesCollection();
      for (String stage : stages) {
        data.addSeries(TimelinePanels.line(stage, timeline,
            sample -> sample.meanBatchRows().getOrDefault(stage, Double.NaN)));
      }
      XYPlot panel = new XYPlot(data, null, TimelinePanels.valueAxis("mean rows per batch"),
          TimelinePanels.renderer(timeline, styles));
      TimelinePanels.decorate(panel, timeline);
      combined.add(panel, 1);
    }
    return ChartStyle.chart(title, combined, true);
  }

  /** Every engine stage named in any sample, in the order first seen. */
  private static List<String> stages(List<Series> series) {
    Set<String> stages = new LinkedHashSet<>();
    for (Series s : series) {
      for (StepResult step : s.steps()) {
        step.timeline().forEach(sample -> stages.addAll(sample.meanBatchRows().keySet()));
      }
    }
    return new ArrayList<>(stages);
  }
}
