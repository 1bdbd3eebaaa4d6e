package io.dreamworker.model.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StageWorkTest {

  private static final GroupKey KEY = GroupKey.diffusion(512, 512, "ddim");

  @Test
  void factories_fillStageRowsAndTokens() {
    assertThat(StageWork.vision(3)).isEqualTo(new StageWork(Stage.VISION, 3, 0, GroupKey.NONE));
    assertThat(StageWork.prefill(258)).isEqualTo(new StageWork(Stage.PREFILL, 1, 258, GroupKey.NONE));
    assertThat(StageWork.decode()).isEqualTo(new StageWork(Stage.DECODE, 1, 1, GroupKey.NONE));
    assertThat(StageWork.dream(66, true)).isEqualTo(new StageWork(Stage.DREAM, 2, 66, GroupKey.NONE));
    assertThat(StageWork.diffusion(KEY, true)).isEqualTo(new StageWork(Stage.DIFFUSION, 2, 0, KEY));
    assertThat(StageWork.vaeDecode(GroupKey.resolution(512, 512)).rows()).isEqualTo(1);
  }

  @Test
  void groupedStageWithoutKey_isRejected() {
    assertThatThrownBy(() -> new StageWork(Stage.DIFFUSION, 1, 0, GroupKey.NONE))
        .hasMessageContaining("DIFFUSION work needs a group key");
  }

  @Test
  void ungroupedStageWithKey_isRejected() {
    assertThatThrownBy(() -> new StageWork(Stage.DECODE, 1, 1, KEY))
        .hasMessageContaining("GroupKey.NONE");
  }

  @Test
  void kvTokensOnlyWhereTheCacheGrows() {
    assertThatThrownBy(() -> new StageWork(Stage.VISION, 1, 5, GroupKey.NONE))
        .hasMessageContaining("kvTokens 0");
    assertThatThrownBy(() -> StageWork.prefill(0)).hasMessageContaining("kvTokens >= 1");
    assertThatThrownBy(() -> new StageWork(Stage.DECODE, 1, 2, GroupKey.NONE))
        .hasMessageContaining("exactly 1");
  }

  @Test
  void rowsBeyondAStagesUnit_areRejected() {
    assertThatThrownBy(() -> new StageWork(Stage.DIFFUSION, 3, 0, KEY))
        .hasMessageContaining("guidance pair");
    assertThatThrownBy(() -> new StageWork(Stage.PREFILL, 2, 10, GroupKey.NONE))
        .hasMessageContaining("at most 1");
    assertThatThrownBy(() -> StageWork.vision(0)).hasMessageContaining("at least 1 row");
  }
}
