package io.dreamworker.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** Reads a worker's {@code /metrics} as Prometheus would; for tests that check what an operator sees. */
final class MetricsScrape implements AutoCloseable {
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI metrics;

  /** Scrapes the telemetry server of a worker in this process. */
  MetricsScrape(Telemetry telemetry) {
    this.metrics = URI.create("http://127.0.0.1:" + telemetry.port() + "/metrics");
  }

  /**
   * One sample of a series, such as {@code dreamworker_s3_retries_total{operation="put"}}; 0 when
   * the series is not there yet (a counter whose labels were never used).
   */
  double value(String series) throws IOException, InterruptedException {
    return scrape().getOrDefault(series, 0.0);
  }

  /** Every series of one scrape, by its name and labels as written. */
  Map<String, Double> scrape() throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", metrics).isEqualTo(200);
    Map<String, Double> series = new HashMap<>();
    response.body().lines().filter(line -> !line.isBlank() && !line.startsWith("#")).forEach(line -> {
      int space = line.lastIndexOf(' ');
      series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    });
    return series;
  }

  @Override
  public void close() {
    http.close();
  }
}
