package io.dreamworker.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {
  private static final WorkerConfig CONFIG = WorkerConfigLoader.fromEnvironment(Map.of(
      "DREAMWORKER_BUNDLE_PATH", "/b", "DREAMWORKER_KAFKA_BOOTSTRAP_SERVERS", "k:9092",
      "DREAMWORKER_S3_OUTPUT_BUCKET", "out-bucket"));

  @Test
  void sections_holdTheValuesOfTheirKeys() {
    assertThat(CONFIG.kafka().bootstrapServers()).isEqualTo("k:9092");
    assertThat(CONFIG.s3().outputBucket()).isEqualTo("out-bucket");
    assertThat(CONFIG.engine().toEngineConfig().scheduling().maxRunningSequences()).isEqualTo(16);
  }

  @Test
  void missingSection_isRefused() {
    assertThatThrownBy(() -> new WorkerConfig(CONFIG.bundle(), CONFIG.kafka(), CONFIG.jobs(), CONFIG.s3(),
        CONFIG.engine(), null, CONFIG.shutdown(), CONFIG.testing(), CONFIG.lagPublisher())).hasMessage("http");
  }

  @Test
  void sameValues_areEqualConfigs() {
    assertThat(new WorkerConfig(CONFIG.bundle(), CONFIG.kafka(), CONFIG.jobs(), CONFIG.s3(), CONFIG.engine(),
        CONFIG.http(), CONFIG.shutdown(), CONFIG.testing(), CONFIG.lagPublisher())).isEqualTo(CONFIG);
  }
}
