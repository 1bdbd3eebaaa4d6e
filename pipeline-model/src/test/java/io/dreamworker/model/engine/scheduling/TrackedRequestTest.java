package io.dreamworker.model.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrackedRequestTest {

  private static final SequenceGeometry G = new SequenceGeometry(10, 6);

  private static TrackedRequest caption() {
    return new TrackedRequest(7, RequestShape.caption(20, 1, 5), G, StageWork.vision(1));
  }

  @Test
  void newRequest_waitsForAdmissionAtItsFirstStage() {
    TrackedRequest r = caption();

    assertThat(r.state()).isEqualTo(RequestState.WAITING_ADMISSION);
    assertThat(r.stage()).isEqualTo(Stage.VISION);
    assertThat(r.kvFootprintTokens()).isEqualTo(20 + 5 + 10);
  }

  @Test
  void legalPath_reachesFinished() {
    TrackedRequest r = caption();

    r.apply(Transition.ADMIT);
    r.apply(Transition.SCHEDULE);
    r.apply(Transition.COMPLETE);
    r.apply(Transition.SCHEDULE);
    r.apply(Transition.FINISH);

    assertThat(r.state()).isEqualTo(RequestState.FINISHED);
  }

  @Test
  void illegalMove_namesRequestStateAndMove_andChangesNothing() {
    TrackedRequest r = caption();
    r.apply(Transition.ADMIT);

    assertThatThrownBy(() -> r.apply(Transition.FINISH))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("request 7 is QUEUED at VISION")
        .hasMessageContaining("'finished' would move it to FINISHED")
        .hasMessageContaining("applies only from [RUNNING]");
    assertThat(r.state()).isEqualTo(RequestState.QUEUED);
  }

  @Test
  void completedBeforeAdmission_isIllegal_thoughItWouldLeadToQueued() {
    TrackedRequest r = caption();

    assertThatThrownBy(() -> r.check(Transition.COMPLETE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("WAITING_ADMISSION").hasMessageContaining("'completed'");
  }

  @Test
  void endedRequest_cannotMove() {
    TrackedRequest r = caption();
    r.apply(Transition.CANCEL);

    for (Transition t : Transition.values()) {
      assertThatThrownBy(() -> r.check(t)).as("%s", t).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void runningRequest_cannotBeCancelledDirectly() {
    TrackedRequest r = caption();
    r.apply(Transition.ADMIT);
    r.apply(Transition.SCHEDULE);

    assertThatThrownBy(() -> r.check(Transition.CANCEL))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("RUNNING");
  }

  @Test
  void workBeyondDeclaredRows_isRejected() {
    TrackedRequest r = caption();

    assertThatThrownBy(() -> r.checkWork(StageWork.dream(6, false)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("request 7 sends 1 row(s) to DREAM")
        .hasMessageContaining("at most 0");
  }

  @Test
  void workBeyondDeclaredCache_isRejected_andCountsNothing() {
    TrackedRequest r = caption();
    r.setWork(StageWork.prefill(30)); // 20 prompt + 10 image positions

    assertThatThrownBy(() -> r.setWork(StageWork.prefill(6)))
        .hasMessageContaining("would hold 36 KV positions, more than the 35");
    assertThat(r.kvTokensUsed()).isEqualTo(30);
    for (int i = 0; i < 5; i++) {
      r.setWork(StageWork.decode());
    }
    assertThat(r.kvTokensUsed()).isEqualTo(35);
  }
}
