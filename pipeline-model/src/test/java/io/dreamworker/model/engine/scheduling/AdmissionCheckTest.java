package io.dreamworker.model.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.dreamworker.model.engine.scheduling.SchedulerConfig.StageLimits;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdmissionCheckTest {

  private static final SequenceGeometry G = SequenceGeometry.DREAMLLM;

  @Test
  void requestWithinLimits_isNotRefused() {
    AdmissionCheck check = new AdmissionCheck(SchedulerConfig.defaults(), G);

    assertThat(check.refusal(1, RequestShape.interleaved(100, 1, 500, 3, true, 0))).isEmpty();
  }

  @Test
  void footprintOverBudget_isRefusedWithTheAccountAndTheFix() {
    AdmissionCheck check =
        new AdmissionCheck(SchedulerConfig.defaults().withKvCacheBudgetTokens(1_000), G);

    assertThat(check.refusal(9, RequestShape.interleaved(100, 0, 500, 2, false, 0)))
        .hasValueSatisfying(reason -> assertThat(reason)
            .contains("request 9 needs 1248 KV tokens")
            .contains("100 prompt + 500 new + 2 image(s) x 258 + 2 dream(s) x 66")
            .contains("kvCacheBudgetTokens is 1000")
            .contains("at least 1248"));
  }

  @Test
  void moreImagesThanAVisionCall_isRefused() {
    AdmissionCheck check = new AdmissionCheck(SchedulerConfig.defaults()
        .withStage(Stage.VISION, new StageLimits(2, 1, Duration.ZERO, 1)), G);

    assertThat(check.refusal(3, RequestShape.caption(10, 3, 20)))
        .hasValueSatisfying(reason -> assertThat(reason)
            .contains("needs 3 rows in one VISION call")
            .contains("stages[VISION].maxBatchRows is 2")
            .contains("fewer input images"));
  }

  @Test
  void guidancePairBeyondRowsInFlight_isRefused() {
    SchedulerConfig config = SchedulerConfig.defaults()
        .withStage(Stage.DIFFUSION, new StageLimits(8, 1, Duration.ZERO, 1))
        .withMaxDiffusionRowsInFlight(1);
    AdmissionCheck check = new AdmissionCheck(config, G);

    assertThat(check.refusal(4, RequestShape.textToImage(10, true, 0)))
        .hasValueSatisfying(reason -> assertThat(reason)
            .contains("maxDiffusionRowsInFlight is 1").contains("disable guidance"));
    assertThat(check.refusal(5, RequestShape.textToImage(10, false, 0))).isEmpty();
  }

  @Test
  void guidancePairBeyondDiffusionBatch_isRefused() {
    SchedulerConfig config = SchedulerConfig.defaults()
        .withStage(Stage.DIFFUSION, new StageLimits(1, 1, Duration.ZERO, 1));
    AdmissionCheck check = new AdmissionCheck(config, G);

    assertThat(check.refusal(4, RequestShape.textToImage(10, true, 0)))
        .hasValueSatisfying(reason -> assertThat(reason)
            .contains("needs 2 rows in one DIFFUSION call"));
  }
}
