package io.dreamworker.worker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrometheusMetricsTest {
  private final PrometheusMetrics metrics = PrometheusMetrics.withJvmMetrics();

  @AfterEach
  void close() {
    metrics.close();
  }

  @Test
  void scrape_carriesTheJvmAndProcessMeters() {
    String body = metrics.scrape(null).body();
    assertThat(body).contains(
        "jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads", "jvm_classes_loaded_classes",
        "system_cpu_count", "process_cpu_usage", "process_uptime_seconds");
  }

  @Test
  void noAcceptHeader_getsThePrometheusTextFormat() {
    Counter.builder("dreamworker.test.things").register(metrics.registry()).increment(3);
    PrometheusMetrics.Scrape scrape = metrics.scrape(null);
    assertThat(scrape.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    assertThat(scrape.body()).contains("# TYPE dreamworker_test_things_total counter")
        .contains("dreamworker_test_things_total 3.0").doesNotContain("# EOF");
  }

  @Test
  void acceptingOpenMetrics_getsOpenMetrics() {
    Counter.builder("dreamworker.test.things").register(metrics.registry()).increment();
    PrometheusMetrics.Scrape scrape = metrics.scrape(
        "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1");
    assertThat(scrape.contentType()).isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(scrape.body()).contains("# TYPE dreamworker_test_things counter").endsWith("# EOF\n");
  }

  @Test
  void acceptingOnlyProtobuf_stillGetsText() {
    assertThat(metrics.scrape("application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily").contentType())
        .isEqualTo(PrometheusMetrics.TEXT_CONTENT_TYPE);
  }
}
