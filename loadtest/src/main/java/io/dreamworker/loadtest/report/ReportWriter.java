package io.dreamworker.loadtest.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jfree.chart.JFreeChart;

/**
 * Writes a {@link LoadReport} into a folder:
 * <ul>
 *   <li>{@value #RESULTS_FILE}: every figure, for tools (layout in its {@code format} key);
 *   <li>{@value #MARKDOWN_FILE} and {@value #HTML_FILE}: the same readable report, the HTML a single
 *       page with its style inline and nothing fetched;
 *   <li>{@code charts/*.png}: one per {@link ChartKind}.
 * </ul>
 *
 * <p>Choices the report makes, documented once here:
 * <ul>
 *   <li>Each series' knee is {@link Knee#analyze}'s, marked in its table with the verdict of the rule
 *       on every step.
 *   <li>The latency-by-percentile chart shows one step per series: the one
 *       {@link ReportOptions#distributionSteps()} names, else the series' knee, else (no step
 *       qualified) its lowest load, the least saturated step it has. The legend and caption say
 *       which and why.
 *   <li>The timeline charts (batch rows, consumer lag) show every series' whole sweep, one panel per
 *       series, its steps back to back, because how a quantity changes from step to step is what
 *       they are for; results.json keeps each step's own timeline.
 *   <li>A chart without data is still written, saying "No data" and why, so that the reports'
 *       image links always resolve.
 * </ul>
 *
 * <p>Charts are drawn with Java2D into images, which needs no display; a JVM whose
 * {@code DISPLAY} names an X server it cannot reach must run with {@code -Djava.awt.headless=true}.
 *
 * <p>Each file is written whole or not at all (see {@link AtomicFiles}). If writing stops on an
 * {@link IOException}, the files written before it are complete and the others untouched.
 */
public final class ReportWriter {
  /** Every figure, as JSON. */
  public static final String RESULTS_FILE = "results.json";
  /** The readable report, as Markdown. */
  public static final String MARKDOWN_FILE = "report.md";
  /** The readable report, as one HTML page. */
  public static final String HTML_FILE = "report.html";

  private final ReportOptions options;

  public ReportWriter(ReportOptions options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  /** A writer with {@link ReportOptions#defaults()}. */
  public static ReportWriter withDefaults() {
    return new ReportWriter(ReportOptions.defaults());
  }

  /**
   * Writes the report's files into {@code directory}, creating it if needed and replacing a report
   * already there.
   *
   * @return where each file was written
   * @throws IllegalArgumentException when the options name a series or step the report does not
   *     have (checked before anything is written)
   * @throws IOException when a folder or file cannot be written
   */
  public ReportFiles write(LoadReport report, Path directory) throws IOException {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(directory, "directory");
    ReportPlan plan = ReportPlan.of(report, options);
    Path chartDir = directory.resolve(ChartKind.FOLDER);
    Files.createDirectories(chartDir);

    Map<ChartKind, Path> charts = new EnumMap<>(ChartKind.class);
    for (ChartKind kind : ChartKind.values()) {
      Path file = chartDir.resolve(kind.fileName());
      AtomicFiles.write(file, ChartStyle.png(chart(kind, plan), options.chartWidth(), options.chartHeight()));
      charts.put(kind, file);
    }
    Path results = directory.resolve(RESULTS_FILE);
    AtomicFiles.write(results, ResultsJson.bytes(plan));
    List<Block> content = ReportContent.build(plan);
    Path markdown = directory.resolve(MARKDOWN_FILE);
    AtomicFiles.write(markdown, MarkdownRenderer.render(content).getBytes(StandardCharsets.UTF_8));
    Path html = directory.resolve(HTML_FILE);
    AtomicFiles.write(html, HtmlRenderer.render(report.run().title(), content).getBytes(StandardCharsets.UTF_8));
    return new ReportFiles(directory, results, markdown, html, charts);
  }

  private static JFreeChart chart(ChartKind kind, ReportPlan plan) {
    List<Series> series = plan.series().stream().map(ReportPlan.SeriesPlan::series).toList();
    return switch (kind) {
      case LATENCY_VS_THROUGHPUT -> LatencyThroughputChart.build(series);
      case LATENCY_DISTRIBUTION -> LatencyDistributionChart.build(plan.series());
      case BATCH_SIZE_OVER_TIME -> BatchSizeChart.build(series);
      case CONSUMER_LAG_OVER_TIME -> ConsumerLagChart.build(series);
    };
  }
}
