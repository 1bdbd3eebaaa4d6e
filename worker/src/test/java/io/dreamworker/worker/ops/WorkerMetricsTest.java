package io.dreamworker.worker.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WorkerMetricsTest {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final WorkerMetrics metrics = new WorkerMetrics(registry);

  @Test
  void everyJobSeries_existsAtZeroFromTheStart() {
    String text = registry.scrape();
    for (String type : WorkerMetrics.JOB_TYPES) {
      for (String status : WorkerMetrics.JOB_STATUSES) {
        assertThat(text)
            .contains("dreamworker_jobs_total{status=\"" + status + "\",type=\"" + type + "\"} 0.0")
            .contains("dreamworker_job_duration_seconds_count{status=\"" + status + "\",type=\"" + type + "\"} 0");
      }
    }
  }

  @Test
  void completedJob_isCountedAndTimedInSecondsToMinutesBuckets() {
    metrics.jobCompleted("caption", "succeeded", Duration.ofMillis(1_500));
    metrics.jobCompleted("interleaved", "failed", Duration.ofMinutes(3));
    String text = registry.scrape();
    assertThat(text)
        .contains("dreamworker_jobs_total{status=\"succeeded\",type=\"caption\"} 1.0")
        .contains("# TYPE dreamworker_job_duration_seconds histogram")
        .contains("dreamworker_job_duration_seconds_bucket{status=\"succeeded\",type=\"caption\",le=\"1.0\"} 0")
        .contains("dreamworker_job_duration_seconds_bucket{status=\"succeeded\",type=\"caption\",le=\"2.5\"} 1")
        .contains("dreamworker_job_duration_seconds_bucket{status=\"failed\",type=\"interleaved\",le=\"120.0\"} 0")
        .contains("dreamworker_job_duration_seconds_bucket{status=\"failed\",type=\"interleaved\",le=\"300.0\"} 1")
        .contains("dreamworker_job_duration_seconds_sum{status=\"failed\",type=\"interleaved\"} 180.0");
  }

  @Test
  void jobOfAnUnknownType_countsAsUnknown_andAFutureTimestampAsZero() {
    metrics.jobCompleted("paint", "rejected", Duration.ofSeconds(-3));
    assertThat(registry.scrape())
        .contains("dreamworker_jobs_total{status=\"rejected\",type=\"unknown\"} 1.0")
        .contains("dreamworker_job_duration_seconds_sum{status=\"rejected\",type=\"unknown\"} 0.0")
        .doesNotContain("paint");
  }

  @Test
  void statusOutsideTheContract_isAProgrammingError() {
    assertThatThrownBy(() -> metrics.jobCompleted("caption", "ok", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("job status \"ok\" is not one of [succeeded, failed, rejected]");
  }

  @Test
  void deadLettersAndS3_areCountedByTheirTags() {
    metrics.deadLettered("SCHEMA_VIOLATION");
    metrics.deadLettered("SCHEMA_VIOLATION");
    metrics.s3Retried("get");
    metrics.s3Request("put", "success", Duration.ofMillis(30));
    metrics.s3Request("get", "failure", Duration.ofSeconds(2));
    assertThat(registry.scrape())
        .contains("dreamworker_dead_letters_total{code=\"SCHEMA_VIOLATION\"} 2.0")
        .contains("dreamworker_s3_retries_total{operation=\"get\"} 1.0")
        .contains("dreamworker_s3_request_duration_seconds_bucket{operation=\"put\",outcome=\"success\",le=\"0.05\"} 1")
        .contains("dreamworker_s3_request_duration_seconds_count{operation=\"get\",outcome=\"failure\"} 1");
    assertThatThrownBy(() -> metrics.s3Retried("delete")).hasMessageContaining("\"delete\" is not one of");
  }

  @Test
  void gauges_readTheirSuppliersAtEachScrape() {
    AtomicLong inFlight = new AtomicLong(5);
    metrics.gaugeJobsInFlight(inFlight::get);
    metrics.gaugePartitionsAssigned(() -> 6);
    metrics.gaugePartitionsPaused(() -> 2);
    metrics.gaugeConsumerLag(() -> 1234);
    assertThat(registry.scrape())
        .contains("dreamworker_jobs_in_flight 5.0")
        .contains("dreamworker_partitions_assigned 6.0")
        .contains("dreamworker_partitions_paused 2.0")
        .contains("dreamworker_consumer_lag_records 1234.0");
    inFlight.set(9);
    assertThat(registry.scrape()).contains("dreamworker_jobs_in_flight 9.0");
  }

  @Test
  void gaugeRegisteredTwice_isRefused() {
    metrics.gaugeConsumerLag(() -> 1);
    assertThatThrownBy(() -> metrics.gaugeConsumerLag(() -> 2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("dreamworker.consumer.lag.records already has a supplier; register it once");
  }
}
