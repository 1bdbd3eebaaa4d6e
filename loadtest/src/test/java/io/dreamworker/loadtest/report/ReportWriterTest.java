package io.dreamworker.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class ReportWriterTest {
  private static final LoadReport SWEEP = Fixtures.sweep(20261120);

  @TempDir
  static Path shared;
  private static ReportFiles files;

  @BeforeAll
  static void writeTheSweepOnce() throws IOException {
    files = ReportWriter.withDefaults().write(SWEEP, shared.resolve("report"));
  }

  @Test
  void write_createsEveryFileAndNoTemporaryOnes() throws IOException {
    Path dir = shared.resolve("report");

    assertThat(files.results()).isEqualTo(dir.resolve("results.json")).isNotEmptyFile();
    assertThat(files.markdown()).isEqualTo(dir.resolve("report.md")).isNotEmptyFile();
    assertThat(files.html()).isEqualTo(dir.resolve("report.html")).isNotEmptyFile();
    assertThat(files.charts()).containsOnlyKeys(ChartKind.values());
    for (ChartKind kind : ChartKind.values()) {
      assertThat(files.charts().get(kind)).isEqualTo(dir.resolve("charts").resolve(kind.fileName())).isNotEmptyFile();
    }
    try (Stream<Path> all = Files.walk(dir)) {
      assertThat(all.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void charts_decodeAsPngsOfTheDefaultSize() throws IOException {
    for (Path chart : files.charts().values()) {
      BufferedImage image = ImageIO.read(chart.toFile());
      assertThat(image).as(chart.toString()).isNotNull();
      assertThat(image.getWidth()).isEqualTo(ReportOptions.DEFAULT_CHART_WIDTH);
      assertThat(image.getHeight()).isEqualTo(ReportOptions.DEFAULT_CHART_HEIGHT);
      assertThat(distinctColours(image)).as(chart + " draws something").isGreaterThan(3);
    }
  }

  @Test
  void chartSize_followsTheOptions(@TempDir Path dir) throws IOException {
    ReportFiles small = new ReportWriter(ReportOptions.defaults().withChartSize(640, 400)).write(SWEEP, dir);

    BufferedImage image = ImageIO.read(small.charts().get(ChartKind.LATENCY_DISTRIBUTION).toFile());
    assertThat(image.getWidth()).isEqualTo(640);
    assertThat(image.getHeight()).isEqualTo(400);
  }

  @Test
  void resultsJson_holdsEveryFigure() throws IOException {
    JsonNode root = new ObjectMapper().readTree(files.results().toFile());
    StepResult step = SWEEP.series().get(0).steps().get(2);
    JsonNode json = root.at("/series/0/steps/2");

    assertThat(root.get("format").asText()).isEqualTo(ResultsJson.FORMAT);
    assertThat(root.at("/run/seed").asLong()).isEqualTo(42);
    assertThat(root.at("/run/machine/cores").asInt()).isEqualTo(2);
    assertThat(root.at("/run/settings/mix").asText()).startsWith("caption 50%");
    assertThat(root.get("series")).hasSize(2);
    assertThat(root.at("/series/1/steps")).hasSize(5);
    assertThat(json.get("offered").asDouble()).isEqualTo(step.offered());
    assertThat(json.get("throughput").asDouble()).isEqualTo(step.throughput());
    assertThat(json.get("measured_s").asDouble()).isEqualTo(60.0);
    assertThat(json.at("/all/latency_ms/p95").asDouble())
        .isEqualTo(step.all().latency().toHistogram().getValueAtPercentile(95) / 1_000.0);
    assertThat(json.at("/all/latency_ms/p999").asDouble()).isEqualTo(step.all().latency().p999Ms());
    assertThat(json.at("/all/queueing_ms/max").asDouble()).isEqualTo(step.all().queueing().maxMs());
    assertThat(json.at("/all/count").asLong()).isEqualTo(step.all().count());
    assertThat(json.at("/by_kind/text_to_image/latency_ms/p50").asDouble())
        .isEqualTo(step.byKind().get("text_to_image").latency().p50Ms());
    assertThat(json.at("/by_kind/text_to_image/stage_means_ms/vae").asDouble()).isEqualTo(40.0);
    assertThat(json.at("/counts/submitted").asLong()).isEqualTo(step.counts().submitted());
    assertThat(json.at("/counts/errors").asLong()).isEqualTo(step.counts().errors());
    assertThat(json.get("timeline")).hasSize(step.timeline().size());
    assertThat(json.at("/timeline/3/mean_batch_rows/llm").asDouble())
        .isEqualTo(step.timeline().get(3).meanBatchRows().get("llm"));
    assertThat(json.at("/timeline/0/p95_ms").isNull()).as("NaN is written as null").isTrue();
  }

  @Test
  void resultsJson_percentilesArePairsAtTheStandardPercentiles() throws IOException {
    JsonNode root = new ObjectMapper().readTree(files.results().toFile());
    JsonNode pairs = root.at("/series/0/steps/0/all/latency_ms/percentiles");
    LatencyDistribution latency = SWEEP.series().get(0).steps().get(0).all().latency();

    assertThat(pairs).hasSize(LatencyDistribution.STANDARD_PERCENTILES.size());
    for (int i = 0; i < pairs.size(); i++) {
      double p = LatencyDistribution.STANDARD_PERCENTILES.get(i);
      assertThat(pairs.get(i).get(0).asDouble()).isEqualTo(p);
      assertThat(pairs.get(i).get(1).asDouble()).isEqualTo(latency.percentileMs(p));
    }
  }

  @Test
  void resultsJson_recordsTheKneeAndTheFindings() throws IOException {
    JsonNode root = new ObjectMapper().readTree(files.results().toFile());
    Series first = SWEEP.series().get(0);
    StepResult knee = first.knee().orElseThrow();

    assertThat(root.at("/series/0/knee_offered").asDouble()).isEqualTo(knee.offered());
    assertThat(root.at("/series/0/distribution_offered").asDouble()).isEqualTo(knee.offered());
    assertThat(root.at("/series/0/steps/4/knee_exclusion").isTextual()).isTrue();
    assertThat(root.at("/series/0/steps/4/stop_reason").asText()).isEqualTo("p95 5.2 s over the bound 5 s");
    assertThat(root.at("/findings/0/name").asText()).isEqualTo("2 workers / 1 worker throughput");
    assertThat(root.at("/findings/0/numeric").asDouble()).isEqualTo(1.86);
    assertThat(root.at("/findings/0/met").asBoolean()).isTrue();
    assertThat(root.at("/findings/2/target").isNull()).isTrue();
  }

  @Test
  void markdown_listsTheFindingsFirstThenARowPerStep() throws IOException {
    String md = Files.readString(files.markdown());

    assertThat(md).startsWith("# shapes \\<bundle> \\& \"friends\"\n");
    assertThat(md).contains("| finding | value | target | met | detail |");
    assertThat(md).contains("| 2 workers / 1 worker throughput | 1.86x | \\>= 1.8x | yes | at the knees of both series |");
    assertThat(md.indexOf("## Findings")).isLessThan(md.indexOf("## Charts"));
    assertThat(md.indexOf("## Charts")).isLessThan(md.indexOf("## Series: 1 worker, continuous"));
    for (Series s : SWEEP.series()) {
      for (StepResult step : s.steps()) {
        String row = "| " + Units.jobsPerSecond(step.offered()) + " | " + Units.jobsPerSecond(step.throughput()) + " | "
            + step.all().count() + " | " + Units.latency(step.all().latency().p50Ms()) + " | "
            + Units.latency(step.all().latency().p95Ms()) + " | ";
        assertThat(md).as("row of " + step.describe()).contains(row);
      }
    }
    assertThat(md).contains("The sweep stopped after 2.50 jobs/s: p95 5.2 s over the bound 5 s.");
    assertThat(md).contains("![" + ChartKind.LATENCY_VS_THROUGHPUT.title() + "](charts/latency-vs-throughput.png)");
    assertThat(md).contains("### Per kind: 2 workers, continuous");
    assertThat(md).contains(" | interleaved | ");
    assertThat(md).contains("Knee at " + Units.throughput(SWEEP.series().get(0).knee().orElseThrow().offered())
        + " offered: ");
    assertThat(md).contains("## The knee\n\n" + ReportContent.KNEE_RULE);
  }

  @Test
  void html_isWellFormedEscapedAndShowsTheCharts() throws Exception {
    String html = Files.readString(files.html());
    Document doc = parseXml(html);

    assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("shapes <bundle> & \"friends\"");
    assertThat(html).contains("<h1>shapes &lt;bundle&gt; &amp; &quot;friends&quot;</h1>");
    NodeList images = doc.getElementsByTagName("img");
    assertThat(images.getLength()).isEqualTo(ChartKind.values().length);
    for (int i = 0; i < images.getLength(); i++) {
      String src = images.item(i).getAttributes().getNamedItem("src").getNodeValue();
      assertThat(files.html().getParent().resolve(src)).as(src).isRegularFile();
    }
    assertThat(doc.getElementsByTagName("table").getLength()).isEqualTo(1 + 1 + 2 * 2);
    StepResult step = SWEEP.series().get(1).steps().get(3);
    assertThat(html).contains("<td class=\"num\">" + Units.latency(step.all().latency().p95Ms()) + "</td>");
    assertThat(html).contains("&gt;= 1.8x");
  }

  @Test
  void distributionStep_canBeChosenPerSeries(@TempDir Path dir) throws IOException {
    ReportOptions options = ReportOptions.defaults().withDistributionStep("2 workers, continuous", 0.5);

    ReportFiles chosen = new ReportWriter(options).write(SWEEP, dir);

    JsonNode root = new ObjectMapper().readTree(chosen.results().toFile());
    assertThat(root.at("/series/1/distribution_offered").asDouble()).isEqualTo(0.5);
    assertThat(Files.readString(chosen.markdown())).contains("2 workers, continuous at 0.50 jobs/s (chosen, ");
  }

  @Test
  void distributionStepTheReportLacks_isRefusedBeforeWriting(@TempDir Path dir) {
    ReportWriter writer = new ReportWriter(ReportOptions.defaults().withDistributionStep("1 worker, continuous", 7));

    assertThatThrownBy(() -> writer.write(SWEEP, dir.resolve("out")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("distributionSteps asks for series \"1 worker, continuous\" at offered 7.0, which it did not run;"
            + " its offered loads are 0.5, 1.0, 1.5, 2.0, 2.5");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void distributionSeriesTheReportLacks_isRefused(@TempDir Path dir) {
    ReportWriter writer = new ReportWriter(ReportOptions.defaults().withDistributionStep("3 workers", 1));

    assertThatThrownBy(() -> writer.write(SWEEP, dir))
        .hasMessageContaining("names the series \"3 workers\", which the report does not have");
  }

  @Test
  void emptyReport_writesEveryFileWithNoDataCharts(@TempDir Path dir) throws IOException {
    LoadReport empty = new LoadReport(Fixtures.run("nothing ran"), List.of(), List.of());

    ReportFiles written = ReportWriter.withDefaults().write(empty, dir);

    for (Path chart : written.charts().values()) {
      assertThat(ImageIO.read(chart.toFile()).getWidth()).isEqualTo(ReportOptions.DEFAULT_CHART_WIDTH);
    }
    assertThat(Files.readString(written.markdown())).contains("The sweep recorded no findings.");
    assertThat(new ObjectMapper().readTree(written.results().toFile()).get("series")).isEmpty();
  }

  @Test
  void stepsWithoutCompletionsOrTimelines_writeNoDataCharts(@TempDir Path dir) throws IOException {
    StepResult idle = new StepResult("idle", 1, "sequential", new Load(LoadMode.CLOSED_LOOP, 1, Duration.ZERO,
        Duration.ofSeconds(5)), 0, new KindStats(0, LatencyDistribution.empty(), LatencyDistribution.empty(),
        Map.of()), Map.of(), new Counts(1, 0, 0, 0, 0, 1, 1, 0), List.of(), Optional.of("nothing completed"));
    LoadReport report = new LoadReport(Fixtures.run("idle"), List.of(idle), List.of());

    ReportFiles written = ReportWriter.withDefaults().write(report, dir);

    assertThat(written.charts().values()).allSatisfy(p -> assertThat(ImageIO.read(p.toFile())).isNotNull());
    String md = Files.readString(written.markdown());
    assertThat(md).contains("No knee: no step qualified");
    assertThat(md).contains("| 1 | 0.00 | 0 | — | — | — | — | 1 (1 timed out) | 1 | 0 | no job completed |");
    assertThat(md).contains("No step recorded figures per job kind.");
  }

  @Test
  void writingAgain_replacesTheEarlierReport(@TempDir Path dir) throws IOException {
    ReportWriter.withDefaults().write(SWEEP, dir);
    LoadReport other = new LoadReport(Fixtures.run("second run"), SWEEP.steps(), List.of());

    ReportFiles again = ReportWriter.withDefaults().write(other, dir);

    assertThat(Files.readString(again.markdown())).startsWith("# second run\n");
    try (Stream<Path> all = Files.list(dir)) {
      assertThat(all.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("charts", "results.json", "report.md", "report.html");
    }
  }

  private static Document parseXml(String html) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(html)));
  }

  private static long distinctColours(BufferedImage image) {
    return java.util.stream.IntStream.iterate(0, i -> i < image.getWidth() * image.getHeight(), i -> i + 7)
        .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth())).distinct().count();
  }
}
