package io.dreamworker.loadtest.report;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The files a {@link ReportWriter} wrote.
 *
 * @param directory the report's folder
 * @param results {@code results.json}: every figure, for tools
 * @param markdown {@code report.md}
 * @param html {@code report.html}
 * @param charts every chart's PNG, by kind
 */
public record ReportFiles(Path directory, Path results, Path markdown, Path html, Map<ChartKind, Path> charts) {

  public ReportFiles {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(markdown, "markdown");
    Objects.requireNonNull(html, "html");
    charts = Map.copyOf(charts);
  }
}
