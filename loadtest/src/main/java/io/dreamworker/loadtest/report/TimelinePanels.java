package io.dreamworker.loadtest.report;

import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;

/**
 * What the two timeline charts share: one panel per series stacked on a common time axis, each
 * series' steps back to back ({@link SweepTimeline}), a marker where each step starts labelled with
 * its offered load, and lines broken between steps so that no line joins two steps.
 */
final class TimelinePanels {
  /** Above this many samples in a panel, points would merge into a thick line: lines only. */
  private static final int MAX_SAMPLES_WITH_SHAPES = 120;
  /** Pixels between stacked panels. */
  private static final double PANEL_GAP = 14;
  private static final Font PANEL_TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 12);
  /** Room kept free above the data, as a fraction of the range: the panel's title and step labels go there. */
  static final double HEADROOM = 0.28;
  /** Pixels from the panel's top to the step labels: below the panel's title. */
  private static final double STEP_LABEL_TOP = 19;

  private TimelinePanels() {}

  static CombinedDomainXYPlot combined(List<LegendItem> styles) {
    LegendItemCollection legend = new LegendItemCollection();
    styles.forEach(legend::add);
    NumberAxis time = ChartStyle.style(new NumberAxis("time into the series' sweep (s), its steps back to back"));
    CombinedDomainXYPlot combined = new CombinedDomainXYPlot(time);
    combined.setGap(PANEL_GAP);
    combined.setFixedLegendItems(legend);
    return combined;
  }

  /**
   * One line of {@code value} over the series' sweep, broken at each step start; a sample whose
   * value is {@code NaN} leaves a gap.
   */
  static XYSeries line(String key, SweepTimeline timeline, ToDoubleFunction<Sample> value) {
    XYSeries line = new XYSeries(key, false, true);
    List<StepResult> steps = timeline.series().steps();
    for (int i = 0; i < steps.size(); i++) {
      line.add(timeline.startSeconds().get(i).doubleValue(), Double.NaN);
      for (Sample sample : steps.get(i).timeline()) {
        line.add(timeline.seconds(i, sample), value.applyAsDouble(sample));
      }
    }
    return line;
  }

  /**
   * A renderer of lines, with points too when the panel has few samples; its {@code i}th line takes
   * {@code styles[i]}'s colour, stroke and shape, the same in every panel.
   */
  static XYLineAndShapeRenderer renderer(SweepTimeline timeline, List<LegendItem> styles) {
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, showsPoints(timeline));
    for (int i = 0; i < styles.size(); i++) {
      renderer.setSeriesPaint(i, styles.get(i).getLinePaint());
      renderer.setSeriesStroke(i, styles.get(i).getLineStroke());
      renderer.setSeriesShape(i, styles.get(i).getShape());
    }
    return renderer;
  }

  private static boolean showsPoints(SweepTimeline timeline) {
    return timeline.series().steps().stream().mapToInt(s -> s.timeline().size()).sum() <= MAX_SAMPLES_WITH_SHAPES;
  }

  /** A value axis starting at zero, with {@link #HEADROOM} above the data. */
  static NumberAxis valueAxis(String label) {
    NumberAxis axis = ChartStyle.style(new NumberAxis(label));
    axis.setAutoRangeIncludesZero(true);
    axis.setUpperMargin(HEADROOM);
    return axis;
  }

  /** Styles a series' panel: its label at the top left, a labelled marker at each step's start. */
  static void decorate(XYPlot panel, SweepTimeline timeline) {
    ChartStyle.style(panel);
    TextTitle title = new TextTitle(timeline.series().label(), PANEL_TITLE_FONT);
    title.setBackgroundPaint(Color.WHITE);
    panel.addAnnotation(new XYTitleAnnotation(0.005, 0.995, title, RectangleAnchor.TOP_LEFT));
    List<StepResult> steps = timeline.series().steps();
    for (int i = 0; i < steps.size(); i++) {
      ValueMarker marker = new ValueMarker(timeline.startSeconds().get(i), ChartStyle.MARKER, ChartStyle.stroke(1));
      marker.setLabel(steps.get(i).loadMode().formatOffered(steps.get(i).offered()));
      marker.setLabelFont(ChartStyle.TICK_FONT);
      marker.setLabelPaint(Color.DARK_GRAY);
      marker.setLabelBackgroundColor(ChartStyle.TRANSPARENT);
      marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
      marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      marker.setLabelOffset(new RectangleInsets(STEP_LABEL_TOP, 3, 0, 0));
      panel.addDomainMarker(marker);
    }
  }
}
