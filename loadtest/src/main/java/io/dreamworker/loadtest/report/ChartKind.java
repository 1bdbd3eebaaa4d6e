package io.dreamworker.loadtest.report;

/** The charts of a report: each is written, with data or with a "no data" note, as a PNG under {@code charts/}. */
public enum ChartKind {
  /** p50, p95 and p99 against achieved throughput, one curve per series. */
  LATENCY_VS_THROUGHPUT("latency-vs-throughput.png", "Latency against throughput"),
  /** The whole latency distribution of one step per series, by percentile. */
  LATENCY_DISTRIBUTION("latency-distribution.png", "Latency by percentile"),
  /** Mean batch rows of each engine stage over each series' whole sweep. */
  BATCH_SIZE_OVER_TIME("batch-size-over-time.png", "Mean batch rows per engine stage over time"),
  /** Consumer lag and jobs in flight over each series' whole sweep. */
  CONSUMER_LAG_OVER_TIME("consumer-lag-over-time.png", "Consumer lag and jobs in flight over time");

  /** The folder of the charts, relative to the report. */
  public static final String FOLDER = "charts";

  private final String fileName;
  private final String title;

  ChartKind(String fileName, String title) {
    this.fileName = fileName;
    this.title = title;
  }

  public String fileName() {
    return fileName;
  }

  /** The chart's title, drawn on it and used as its caption's start. */
  public String title() {
    return title;
  }

  /** Where the chart is relative to the report: {@code charts/latency-vs-throughput.png}. */
  public String relativePath() {
    return FOLDER + "/" + fileName;
  }
}
