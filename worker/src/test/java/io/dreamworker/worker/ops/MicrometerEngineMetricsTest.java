package io.dreamworker.worker.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.dreamworker.model.engine.scheduling.SchedulerSnapshot;
import io.dreamworker.model.engine.scheduling.Stage;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MicrometerEngineMetricsTest {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MicrometerEngineMetrics metrics = new MicrometerEngineMetrics(registry);

  @Test
  void batches_areSummarizedPerStage() {
    metrics.batchExecuted(Stage.DECODE, 12, 3_000_000);
    metrics.batchExecuted(Stage.DECODE, 4, 1_000_000);
    metrics.batchExecuted(Stage.VAE_DECODE, 2, 400_000_000);
    String text = registry.scrape();
    assertThat(text)
        .contains("# TYPE dreamworker_engine_batch_rows summary")
        .contains("dreamworker_engine_batch_rows_count{stage=\"decode\"} 2")
        .contains("dreamworker_engine_batch_rows_sum{stage=\"decode\"} 16.0")
        .contains("dreamworker_engine_batch_rows_count{stage=\"vision\"} 0")
        .contains("# TYPE dreamworker_engine_batch_duration_seconds histogram")
        .contains("dreamworker_engine_batch_duration_seconds_bucket{stage=\"decode\",le=\"0.001\"} 1")
        .contains("dreamworker_engine_batch_duration_seconds_bucket{stage=\"decode\",le=\"0.005\"} 2")
        .contains("dreamworker_engine_batch_duration_seconds_bucket{stage=\"vae_decode\",le=\"0.25\"} 0")
        .contains("dreamworker_engine_batch_duration_seconds_bucket{stage=\"vae_decode\",le=\"0.5\"} 1");
  }

  @Test
  void queueWaits_areHistogramsPerStage() {
    metrics.queueWait(Stage.PREFILL, 4_000_000);
    assertThat(registry.scrape())
        .contains("dreamworker_engine_queue_wait_seconds_count{stage=\"prefill\"} 1")
        .contains("dreamworker_engine_queue_wait_seconds_bucket{stage=\"prefill\",le=\"0.002\"} 0")
        .contains("dreamworker_engine_queue_wait_seconds_bucket{stage=\"prefill\",le=\"0.005\"} 1");
  }

  @Test
  void tokensImagesAndRequests_areCounted() {
    metrics.tokensGenerated(16);
    metrics.tokensGenerated(3);
    metrics.imageGenerated();
    metrics.requestEnded("caption", "succeeded", 2_000_000_000L);
    metrics.requestEnded("caption", "succeeded", 1_000_000_000L);
    metrics.requestEnded("interleaved", "failed", 1_000_000L);
    assertThat(registry.scrape())
        .contains("dreamworker_engine_tokens_total 19.0")
        .contains("dreamworker_engine_images_total 1.0")
        .contains("dreamworker_engine_requests_total{kind=\"caption\",outcome=\"succeeded\"} 2.0")
        .contains("dreamworker_engine_requests_total{kind=\"interleaved\",outcome=\"failed\"} 1.0")
        .contains("dreamworker_engine_request_duration_seconds_sum{kind=\"caption\",outcome=\"succeeded\"} 3.0");
  }

  @Test
  void snapshot_isReadByTheSchedulerGauges() {
    assertThat(registry.scrape()).contains("dreamworker_engine_running_sequences 0.0");
    metrics.snapshot(new SchedulerSnapshot(Map.of(Stage.PREFILL, 3), Map.of(Stage.PREFILL, 5),
        Map.of(Stage.PREFILL, Duration.ofMillis(2)), 4, 1, 7, 900, 16_384, 6));
    assertThat(registry.scrape())
        .contains("dreamworker_engine_queued_items{stage=\"prefill\"} 3.0")
        .contains("dreamworker_engine_queued_items{stage=\"decode\"} 0.0")
        .contains("dreamworker_engine_running_sequences 7.0")
        .contains("dreamworker_engine_waiting_for_admission 4.0")
        .contains("dreamworker_engine_kv_reserved_tokens 900.0")
        .contains("dreamworker_engine_kv_budget_tokens 16384.0")
        .contains("dreamworker_engine_diffusion_rows_in_flight 6.0");
  }

  @Test
  void badReport_neverThrowsOnTheEngineThread() {
    assertThatCode(() -> {
      metrics.batchExecuted(null, 1, 1);
      metrics.queueWait(null, 1);
      metrics.requestEnded(null, null, 1);
      metrics.batchExecuted(Stage.DREAM, 1, -5);
      metrics.snapshot(null);
    }).doesNotThrowAnyException();
    assertThat(registry.scrape()).contains("dreamworker_engine_running_sequences 0.0");
  }

  @Test
  void stageTag_isTheLowerCaseName() {
    assertThat(MicrometerEngineMetrics.stageTag(Stage.VAE_DECODE)).isEqualTo("vae_decode");
  }
}
