package io.dreamworker.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dreamworker.model.engine.EngineConfig;
import io.dreamworker.model.engine.scheduling.SchedulerConfig;
import io.dreamworker.model.engine.scheduling.Stage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EngineSettingsTest {

  @Test
  void theKeysDefaults_giveTheEnginesDefaults() {
    EngineSettings defaults = new EngineSettings(ConfigKeys.ENGINE_MAX_RUNNING_SEQUENCES.defaultValue().orElseThrow(),
        ConfigKeys.ENGINE_KV_CACHE_BUDGET_TOKENS.defaultValue().orElseThrow(),
        ConfigKeys.ENGINE_MAX_DIFFUSION_ROWS_IN_FLIGHT.defaultValue().orElseThrow(),
        ConfigKeys.ENGINE_MAX_QUEUE_DELAY.defaultValue().orElseThrow(),
        ConfigKeys.ENGINE_MODE.defaultValue().orElseThrow());
    assertThat(defaults.toEngineConfig()).isEqualTo(EngineConfig.defaults());
  }

  @Test
  void sequentialMode_runsOneRequestAtATime_whateverTheLimits() {
    SchedulerConfig s = new EngineSettings(32, 65_536, 12, Duration.ofMillis(20), EngineSettings.Mode.SEQUENTIAL)
        .toEngineConfig().scheduling();
    assertThat(s).isEqualTo(SchedulerConfig.sequential());
    assertThat(s.maxRunningSequences()).isEqualTo(1);
    assertThat(s.limits(Stage.DECODE).maxBatchRows()).isEqualTo(1);
    assertThat(s.limits(Stage.DIFFUSION).maxBatchRows()).as("a guidance pair").isEqualTo(2);
  }

  @Test
  void limits_reachTheScheduler() {
    SchedulerConfig s = new EngineSettings(32, 65_536, 12, Duration.ofMillis(20), EngineSettings.Mode.CONTINUOUS).toEngineConfig().scheduling();
    assertThat(s.maxRunningSequences()).isEqualTo(32);
    assertThat(s.kvCacheBudgetTokens()).isEqualTo(65_536);
    assertThat(s.maxDiffusionRowsInFlight()).isEqualTo(12);
  }

  @Test
  void queueDelay_appliesToTheEntryStagesOnly() {
    SchedulerConfig s = new EngineSettings(16, 16_384, 8, Duration.ofMillis(20), EngineSettings.Mode.CONTINUOUS).toEngineConfig().scheduling();
    for (Stage stage : Stage.values()) {
      assertThat(s.limits(stage).maxQueueDelay()).as(stage.name())
          .isEqualTo(stage.isEntry() ? Duration.ofMillis(20) : Duration.ZERO);
    }
  }

  @Test
  void fewerRunningSequencesThanABatchPrefers_lowersThePreferredBatch() {
    SchedulerConfig s = new EngineSettings(2, 16_384, 2, Duration.ZERO, EngineSettings.Mode.CONTINUOUS).toEngineConfig().scheduling();
    assertThat(s.limits(Stage.DECODE).preferredBatchRows()).isEqualTo(2);
    assertThat(s.limits(Stage.PREFILL).preferredBatchRows()).isEqualTo(2);
    assertThat(s.limits(Stage.DIFFUSION).preferredBatchRows()).isEqualTo(2);
    assertThat(s.limits(Stage.DECODE).maxBatchRows())
        .isEqualTo(SchedulerConfig.defaults().limits(Stage.DECODE).maxBatchRows());
  }

  @Test
  void valueTheEngineRefuses_isAConfigProblemNamingTheKey() {
    assertThatThrownBy(() -> new EngineSettings(16, 0, 8, Duration.ZERO, EngineSettings.Mode.CONTINUOUS).toEngineConfig())
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("invalid configuration: engine.kv-cache-budget-tokens: the engine refuses 0:"
            + " kvCacheBudgetTokens must be at least 1");
    assertThatThrownBy(() -> new EngineSettings(0, 16, 8, Duration.ZERO, EngineSettings.Mode.CONTINUOUS).toEngineConfig())
        .hasMessageContaining("engine.max-running-sequences: the engine refuses 0");
    assertThatThrownBy(() -> new EngineSettings(16, 16, 8, Duration.ofMillis(-1), EngineSettings.Mode.CONTINUOUS).toEngineConfig())
        .hasMessageContaining("engine.max-queue-delay: the engine refuses PT-0.001S");
  }
}
