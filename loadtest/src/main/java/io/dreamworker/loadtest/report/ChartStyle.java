package io.dreamworker.loadtest.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The look every chart shares: colours, strokes, fonts, and the PNG encoding.
 *
 * <p>Charts are assembled from plots and axes directly rather than through JFreeChart's
 * {@code ChartFactory}, whose look comes from a process-wide mutable theme; here nothing outside
 * this class decides how a report looks.
 */
final class ChartStyle {
  /** Okabe and Ito's colour-blind-safe palette (its yellow left out: unreadable on white). */
  private static final List<Color> PALETTE = List.of(new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73),
      new Color(0xCC79A7), new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0x999999));
  /** Line width of every data line, in pixels. */
  private static final float LINE_WIDTH = 2f;
  /**
   * Three line styles, told apart without colour: solid, dashed (8 pixels drawn, 5 left), dotted.
   * BasicStroke is immutable (it copies its dash array), so one set serves every chart.
   */
  private static final List<Stroke> STROKES = List.of(new BasicStroke(LINE_WIDTH),
      new BasicStroke(LINE_WIDTH, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f),
      new BasicStroke(LINE_WIDTH, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {2f, 4f}, 0f));
  /** Half the size of a point marker, in pixels. */
  private static final float POINT_HALF = 3.5f;
  /** How many point shapes {@link #shape} tells apart before repeating. */
  private static final int SHAPE_COUNT = 5;
  static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  static final Font NOTE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  static final Color GRID = new Color(0xDDDDDD);
  static final Color MARKER = new Color(0xAAAAAA);
  static final Color TRANSPARENT = new Color(0, 0, 0, 0);

  private ChartStyle() {}

  /** The {@code i}th colour, repeating after the palette's end. */
  static Color color(int i) {
    return PALETTE.get(Math.floorMod(i, PALETTE.size()));
  }

  /** The {@code i}th line style of three: solid, dashed, dotted. */
  static Stroke stroke(int i) {
    return STROKES.get(Math.floorMod(i, STROKES.size()));
  }

  /**
   * The {@code i}th point shape (circle, square, triangle, diamond, triangle down), repeating after
   * the last. A new one each time: Java2D shapes are mutable, so none is shared between charts.
   */
  static Shape shape(int i) {
    float d = 2 * POINT_HALF;
    return switch (Math.floorMod(i, SHAPE_COUNT)) {
      case 0 -> new Ellipse2D.Float(-POINT_HALF, -POINT_HALF, d, d);
      case 1 -> new Rectangle2D.Float(-POINT_HALF, -POINT_HALF, d, d);
      case 2 -> ShapeUtils.createUpTriangle(POINT_HALF);
      case 3 -> ShapeUtils.createDiamond(POINT_HALF);
      default -> ShapeUtils.createDownTriangle(POINT_HALF);
    };
  }

  /** A legend item that shows a line in {@code paint} drawn with {@code stroke}. */
  static LegendItem legendLine(String label, Color paint, Stroke stroke) {
    Shape line = new Line2D.Double(-12, 0, 12, 0);
    return new LegendItem(label, null, null, null, line, stroke, paint);
  }

  /** {@link #legendLine} with the point shape the panels draw, so that the legend matches them. */
  static LegendItem legendLine(String label, Color paint, Stroke stroke, Shape point) {
    Shape line = new Line2D.Double(-12, 0, 12, 0);
    return new LegendItem(label, null, null, null, true, point, true, paint, false, paint, stroke, true, line, stroke,
        paint);
  }

  /** A chart on a white background, with its legend (if any) below the plot. */
  static JFreeChart chart(String title, XYPlot plot, boolean legend) {
    JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, legend);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    LegendTitle legendTitle = chart.getLegend();
    if (legendTitle != null) {
      legendTitle.setItemFont(LABEL_FONT);
      legendTitle.setPosition(RectangleEdge.BOTTOM);
      legendTitle.setBackgroundPaint(Color.WHITE);
    }
    return chart;
  }

  /** White plot, light grid lines, the report's note font for "no data". */
  static void style(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    plot.setOutlinePaint(MARKER);
    plot.setNoDataMessageFont(NOTE_FONT);
  }

  static <A extends ValueAxis> A style(A axis) {
    axis.setLabelFont(LABEL_FONT);
    axis.setTickLabelFont(TICK_FONT);
    return axis;
  }

  /**
   * A chart that says it has no data and why, so that a report's image link always finds a file
   * and the reader learns what was missing.
   */
  static JFreeChart noData(String title, String why) {
    NumberAxis x = new NumberAxis();
    NumberAxis y = new NumberAxis();
    x.setVisible(false);
    y.setVisible(false);
    XYPlot plot = new XYPlot(new XYSeriesCollection(), x, y, new XYLineAndShapeRenderer());
    style(plot);
    plot.setNoDataMessage("No data: " + why);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    return chart(title, plot, false);
  }

  /** The chart drawn as a PNG of {@code width} x {@code height} pixels. */
  static byte[] png(JFreeChart chart, int width, int height) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(out, chart, width, height);
    return out.toByteArray();
  }
}
