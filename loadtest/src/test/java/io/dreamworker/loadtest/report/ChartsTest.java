package io.dreamworker.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;

/** What each chart draws, read off the JFreeChart objects rather than the pixels. */
class ChartsTest {
  private static final LoadReport SWEEP = Fixtures.sweep(3);
  private static final List<Series> NO_TIMELINES =
      List.of(Series.of(List.of(Fixtures.openStep(1, 1, 100), Fixtures.openStep(2, 2, 100))));

  @Test
  void latencyAgainstThroughput_drawsThreePercentilesPerSeries() {
    XYPlot plot = LatencyThroughputChart.build(SWEEP.series()).getXYPlot();

    assertThat(plot.getDataset().getSeriesCount()).isEqualTo(3 * SWEEP.series().size());
    assertThat((String) plot.getDataset().getSeriesKey(1)).isEqualTo("1 worker, continuous p95");
    assertThat(plot.getDataset().getItemCount(0)).isEqualTo(5);
    assertThat(plot.getDataset().getXValue(0, 2)).isEqualTo(SWEEP.series().get(0).steps().get(2).throughput());
  }

  @Test
  void latencyDistribution_drawsOneCurvePerSeriesEndingAtTheMaximum() {
    ReportPlan plan = ReportPlan.of(SWEEP, ReportOptions.defaults());

    XYPlot plot = LatencyDistributionChart.build(plan.series()).getXYPlot();

    assertThat(plot.getDataset().getSeriesCount()).isEqualTo(2);
    StepResult knee = plan.series().get(0).distributionStep();
    int last = plot.getDataset().getItemCount(0) - 1;
    assertThat(plot.getDataset().getYValue(0, last)).isEqualTo(knee.all().latency().maxMs());
    assertThat(plot.getDataset().getXValue(0, last)).isEqualTo((double) knee.all().count());
    assertThat((String) plot.getDataset().getSeriesKey(0)).contains("(knee, ");
  }

  @Test
  void timelineCharts_haveOnePanelPerSeriesWithSamples() {
    JFreeChart batches = BatchSizeChart.build(SWEEP.series());
    JFreeChart lag = ConsumerLagChart.build(SWEEP.series());

    assertThat(((CombinedDomainXYPlot) batches.getPlot()).getSubplots()).hasSize(2);
    assertThat(((CombinedDomainXYPlot) lag.getPlot()).getSubplots()).hasSize(2);
    assertThat(batches.getPlot().getLegendItems().getItemCount()).isEqualTo(3);
  }

  @Test
  void stepsOnTheTimeline_areBackToBack() {
    SweepTimeline timeline = SweepTimeline.of(SWEEP.series().get(0));

    assertThat(timeline.startSeconds()).containsExactly(0.0, 70.0, 140.0, 210.0, 280.0);
  }

  @Test
  void chartsWithoutData_sayWhy() {
    LoadReport empty = new LoadReport(Fixtures.run("empty"), List.of(), List.of());
    ReportPlan plan = ReportPlan.of(empty, ReportOptions.defaults());

    assertThat(noDataMessage(LatencyThroughputChart.build(List.of()))).isEqualTo("No data: no step completed a job");
    assertThat(noDataMessage(LatencyDistributionChart.build(plan.series())))
        .isEqualTo("No data: no chosen step completed a job");
    assertThat(noDataMessage(BatchSizeChart.build(NO_TIMELINES)))
        .isEqualTo("No data: no sample of any step recorded an engine batch");
    assertThat(noDataMessage(ConsumerLagChart.build(NO_TIMELINES)))
        .isEqualTo("No data: no step recorded a timeline sample");
  }

  private static String noDataMessage(JFreeChart chart) {
    XYPlot plot = chart.getXYPlot();
    assertThat(plot.getDataset().getSeriesCount()).isZero();
    return plot.getNoDataMessage();
  }
}
