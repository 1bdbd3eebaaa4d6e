package io.dreamworker.worker.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.dreamworker.schemas.CompletionEvent.Status;
import io.dreamworker.worker.config.HttpSettings;
import io.dreamworker.worker.storage.Operation;
import io.dreamworker.worker.storage.Outcome;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TelemetryTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private Telemetry telemetry;

  @BeforeEach
  void start() throws IOException {
    telemetry = Telemetry.start(new HttpSettings("127.0.0.1", 0));
  }

  @AfterEach
  void stop() {
    telemetry.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + telemetry.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readyz_waitsForTheBundleAndAPartition() throws Exception {
    WorkerHooks hooks = telemetry.hooks();
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
    assertThat(get("/readyz").body()).contains("bundle-loaded", "partitions-assigned");

    telemetry.bundleLoaded();
    assertThat(get("/readyz").body()).doesNotContain("bundle-loaded").contains("partitions-assigned");

    hooks.loop().assignmentChanged(Set.of(new TopicPartition("jobs", 0)));
    assertThat(get("/readyz").statusCode()).isEqualTo(200);

    hooks.loop().assignmentChanged(Set.of());
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
  }

  @Test
  void hooks_feedTheWorkersMetrics() throws Exception {
    WorkerHooks hooks = telemetry.hooks();
    hooks.jobs().completed("text_to_image", Status.SUCCEEDED, Duration.ofSeconds(2));
    hooks.jobs().deadLettered("SCHEMA_VIOLATION");
    hooks.storage().retried(Operation.PUT, 1, new IOException("reset"));
    hooks.storage().completed(Operation.PUT, Duration.ofMillis(30), Outcome.SUCCEEDED);
    hooks.loop().turn(3, 420, 1, Map.of("jobs", 40L, "urgent", 2L));
    hooks.loop().committed(2, Duration.ofMillis(7));
    hooks.loop().commitAborted(new IOException("coordinator moved"), true);
    hooks.loop().skippedDone(new org.apache.kafka.common.TopicPartition("jobs", 0));
    hooks.loop().retried(new org.apache.kafka.common.TopicPartition("jobs", 0));
    hooks.loop().abandoned("workers_lost");

    String metrics = get("/metrics").body();
    assertThat(metrics)
        .containsPattern("dreamworker_jobs_total\\{[^}]*status=\"succeeded\"[^}]*type=\"text_to_image\"[^}]*} 1")
        .containsPattern("dreamworker_dead_letters_total\\{code=\"SCHEMA_VIOLATION\"[^}]*} 1")
        .containsPattern("dreamworker_s3_retries_total\\{operation=\"put\"[^}]*} 1")
        .contains("dreamworker_jobs_in_flight 3")
        .contains("dreamworker_jobs_in_flight_cost 420")
        .containsPattern("dreamworker_commits_seconds_count[^ ]* 1")
        .contains("dreamworker_records_published_total 2")
        .containsPattern("dreamworker_commits_aborted_total\\{reason=\"rebalance\"[^}]*} 1")
        .contains("dreamworker_records_skipped_total 1")
        .contains("dreamworker_job_retries_total 1")
        .containsPattern("dreamworker_jobs_abandoned_total\\{reason=\"workers_lost\"[^}]*} 1")
        .contains("dreamworker_partitions_paused 1")
        .contains("dreamworker_consumer_lag_records 42");
    assertThat(telemetry.consumerLagByTopic()).containsEntry("jobs", 40L);
  }

  @Test
  void healthz_isAliveWhileTheLoopTurns() throws Exception {
    telemetry.bundleLoaded();
    telemetry.hooks().loop().turn(0, 0, 0, Map.of());
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }
}
