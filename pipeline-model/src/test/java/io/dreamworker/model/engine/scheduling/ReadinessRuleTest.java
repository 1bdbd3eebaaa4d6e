package io.dreamworker.model.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessRuleTest {

  private static Offer waiting(Stage stage) {
    return new Offer(stage, key(stage), 1, false, false, 100);
  }

  private static Offer full(Stage stage) {
    return new Offer(stage, key(stage), 4, true, false, 100);
  }

  private static Offer due(Stage stage) {
    return new Offer(stage, key(stage), 1, false, true, 0);
  }

  private static GroupKey key(Stage stage) {
    return stage.isGrouped() ? GroupKey.resolution(8, 8) : GroupKey.NONE;
  }

  private static List<Stage> stages(List<Offer> offers) {
    return offers.stream().map(Offer::stage).toList();
  }

  @Test
  void fullOrDueStages_areReady_andOthersWait() {
    List<Offer> ready = ReadinessRule.ready(
        List.of(full(Stage.PREFILL), due(Stage.DIFFUSION), waiting(Stage.DECODE)), true);

    assertThat(stages(ready)).containsExactly(Stage.PREFILL, Stage.DIFFUSION);
  }

  @Test
  void nothingReady_internalStagesRun_sinceNothingCanFeedThem() {
    List<Offer> ready = ReadinessRule.ready(
        List.of(waiting(Stage.VISION), waiting(Stage.DECODE), waiting(Stage.VAE_DECODE)), true);

    assertThat(stages(ready)).containsExactly(Stage.DECODE, Stage.VAE_DECODE);
  }

  @Test
  void nothingReady_entryStagesWait_whileAdmissionIsOpen() {
    assertThat(ReadinessRule.ready(List.of(waiting(Stage.VISION), waiting(Stage.PREFILL)), true))
        .isEmpty();
  }

  @Test
  void nothingReady_entryStagesRun_whenAdmissionIsClosed() {
    List<Offer> ready =
        ReadinessRule.ready(List.of(waiting(Stage.VISION), waiting(Stage.PREFILL)), false);

    assertThat(stages(ready)).containsExactly(Stage.VISION, Stage.PREFILL);
  }

  @Test
  void noOffers_nothingReady() {
    assertThat(ReadinessRule.ready(List.of(), false)).isEmpty();
  }
}
