package io.dreamworker.model.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dreamworker.model.engine.scheduling.SchedulerConfig.StageLimits;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulerConfigTest {

  private static final StageLimits ONE = new StageLimits(1, 1, Duration.ZERO, 1);

  @Test
  void defaults_giveLimitsForEveryStage() {
    SchedulerConfig config = SchedulerConfig.defaults();

    for (Stage stage : Stage.values()) {
      assertThat(config.limits(stage)).as("%s", stage).isNotNull();
    }
    assertThat(config.kvCacheBudgetTokens()).isEqualTo(SchedulerConfig.DEFAULT_KV_CACHE_BUDGET_TOKENS);
    assertThat(config.limits(Stage.PREFILL).maxQueueDelay())
        .isEqualTo(SchedulerConfig.DEFAULT_ENTRY_QUEUE_DELAY);
    assertThat(config.limits(Stage.DECODE).maxQueueDelay()).isZero();
  }

  @Test
  void stagesMap_isCopiedAndUnmodifiable() {
    Map<Stage, StageLimits> stages = new EnumMap<>(SchedulerConfig.defaults().stages());
    SchedulerConfig config = new SchedulerConfig(stages, 100, 16, 8, 0);
    stages.put(Stage.VISION, ONE);

    assertThat(config.limits(Stage.VISION)).isNotEqualTo(ONE);
    assertThatThrownBy(() -> config.stages().put(Stage.VISION, ONE))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void missingStage_isRejectedNamingIt() {
    Map<Stage, StageLimits> stages = new EnumMap<>(SchedulerConfig.defaults().stages());
    stages.remove(Stage.DREAM);

    assertThatThrownBy(() -> new SchedulerConfig(stages, 100, 16, 8, 0))
        .hasMessageContaining("DREAM").hasMessageContaining("SchedulerConfig.defaults()");
  }

  @Test
  void nonPositiveBudget_isRejectedWithValueAndFix() {
    assertThatThrownBy(() -> SchedulerConfig.defaults().withKvCacheBudgetTokens(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kvCacheBudgetTokens").hasMessageContaining("got 0")
        .hasMessageContaining("KV positions the device can hold");
  }

  @Test
  void nonPositiveSequencesOrRows_areRejected() {
    assertThatThrownBy(() -> SchedulerConfig.defaults().withMaxRunningSequences(0))
        .hasMessageContaining("maxRunningSequences").hasMessageContaining("got 0");
    assertThatThrownBy(() -> SchedulerConfig.defaults().withMaxDiffusionRowsInFlight(-1))
        .hasMessageContaining("maxDiffusionRowsInFlight").hasMessageContaining("got -1");
    assertThatThrownBy(() -> SchedulerConfig.defaults().withMaxAdmissionBypasses(-1))
        .hasMessageContaining("maxAdmissionBypasses").hasMessageContaining("strict FIFO");
  }

  @Test
  void preferredAboveMax_namesBothFields() {
    assertThatThrownBy(() -> new StageLimits(4, 5, Duration.ZERO, 1))
        .hasMessageContaining("preferredBatchRows (5)").hasMessageContaining("maxBatchRows (4)");
  }

  @Test
  void stageLimitBounds_areChecked() {
    assertThatThrownBy(() -> new StageLimits(0, 1, Duration.ZERO, 1))
        .hasMessageContaining("maxBatchRows").hasMessageContaining("got 0");
    assertThatThrownBy(() -> new StageLimits(1, 1, Duration.ofMillis(-1), 1))
        .hasMessageContaining("maxQueueDelay").hasMessageContaining("Duration.ZERO");
    assertThatThrownBy(() -> new StageLimits(1, 1, Duration.ZERO, 0))
        .hasMessageContaining("fairnessWeight").hasMessageContaining("got 0");
    assertThatThrownBy(() -> new StageLimits(1, 1, Duration.ZERO, 1001))
        .hasMessageContaining("fairnessWeight").hasMessageContaining("1001");
  }

  @Test
  void decodePreferredAboveRunningSequences_namesBothFields() {
    assertThatThrownBy(() -> SchedulerConfig.defaults().withMaxRunningSequences(8))
        .hasMessageContaining("stages[DECODE].preferredBatchRows (16)")
        .hasMessageContaining("maxRunningSequences (8)");
  }

  @Test
  void diffusionPreferredAboveRowsInFlight_namesBothFields() {
    assertThatThrownBy(() -> SchedulerConfig.defaults().withMaxDiffusionRowsInFlight(4))
        .hasMessageContaining("stages[DIFFUSION].preferredBatchRows (8)")
        .hasMessageContaining("maxDiffusionRowsInFlight (4)");
  }

  @Test
  void withMaxQueueDelay_setsEveryStageAndKeepsTheRest() {
    SchedulerConfig config = SchedulerConfig.defaults().withMaxQueueDelay(Duration.ofMillis(7));

    for (Stage stage : Stage.values()) {
      assertThat(config.limits(stage).maxQueueDelay()).isEqualTo(Duration.ofMillis(7));
      assertThat(config.limits(stage).maxBatchRows())
          .isEqualTo(SchedulerConfig.defaults().limits(stage).maxBatchRows());
    }
  }

  @Test
  void withStage_replacesOnlyThatStage() {
    SchedulerConfig config = SchedulerConfig.defaults().withStage(Stage.VAE_DECODE, ONE);

    assertThat(config.limits(Stage.VAE_DECODE)).isEqualTo(ONE);
    assertThat(config.limits(Stage.VISION)).isEqualTo(SchedulerConfig.defaults().limits(Stage.VISION));
  }

  @Test
  void hugeQueueDelay_saturatesInNanos() {
    StageLimits limits = new StageLimits(1, 1, Duration.ofDays(365L * 1000), 1);

    assertThat(limits.maxQueueDelayNanos()).isEqualTo(Long.MAX_VALUE);
  }
}
