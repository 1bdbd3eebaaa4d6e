package io.dreamworker.loadtest.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the workers' engine batch counters off their Prometheus endpoints
 * ({@code dreamworker_engine_batch_rows_sum} and {@code _count}, per stage), summed over the
 * workers: two reads a second apart give the mean rows per call in that second.
 */
final class EngineMetricsScrape {
  private static final Pattern SERIES = Pattern.compile(
      "^dreamworker_engine_batch_rows_(sum|count)\\{[^}]*stage=\"([a-z_]+)\"[^}]*} ([0-9.eE+-]+)$");
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  /** Stage → {rows summed, calls}, over every worker that answered. */
  Map<String, double[]> totals(List<URI> endpoints) {
    Map<String, double[]> totals = new HashMap<>();
    for (URI endpoint : endpoints) {
      String body;
      try {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint).timeout(TIMEOUT).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          continue;
        }
        body = response.body();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return totals;
      } catch (Exception e) {
        continue; // Starting, or just killed: its counters are missing from this read only.
      }
      body.lines().forEach(line -> {
        Matcher m = SERIES.matcher(line);
        if (m.matches()) {
          double[] t = totals.computeIfAbsent(m.group(2), s -> new double[2]);
          t[m.group(1).equals("sum") ? 0 : 1] += Double.parseDouble(m.group(3));
        }
      });
    }
    return totals;
  }
}
