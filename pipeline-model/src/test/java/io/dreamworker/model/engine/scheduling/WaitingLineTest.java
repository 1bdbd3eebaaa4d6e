package io.dreamworker.model.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WaitingLineTest {

  private static TrackedRequest needing(long id, int tokens) {
    return new TrackedRequest(id, RequestShape.caption(tokens, 0, 0), new SequenceGeometry(10, 6),
        StageWork.prefill(1));
  }

  private static List<Long> ids(List<TrackedRequest> admitted) {
    return admitted.stream().map(TrackedRequest::id).toList();
  }

  @Test
  void strictFifo_stopsAtTheFirstThatDoesNotFit() {
    WaitingLine line = new WaitingLine(0);
    line.add(needing(1, 50));
    line.add(needing(2, 80));
    line.add(needing(3, 10));

    assertThat(ids(line.admit(new KvBudget(100, 8)))).containsExactly(1L);
    assertThat(line.size()).isEqualTo(2);
  }

  @Test
  void boundedBypass_letsSmallRequestsPassUntilTheBoundThenHolds() {
    WaitingLine line = new WaitingLine(2);
    line.add(needing(1, 90));
    for (long id = 2; id <= 5; id++) {
      line.add(needing(id, 10));
    }
    KvBudget budget = new KvBudget(100, 8);
    budget.tryAcquire(needing(99, 50));

    assertThat(ids(line.admit(budget))).containsExactly(2L, 3L);
    assertThat(line.bypasses(1)).isEqualTo(2);
    assertThat(ids(line.admit(budget))).isEmpty();
  }

  @Test
  void heldLine_releasesInOrderOnceTheHeadFits() {
    WaitingLine line = new WaitingLine(1);
    line.add(needing(1, 90));
    line.add(needing(2, 5));
    line.add(needing(3, 5));
    KvBudget budget = new KvBudget(100, 8);
    TrackedRequest holder = needing(99, 50);
    budget.tryAcquire(holder);
    assertThat(ids(line.admit(budget))).containsExactly(2L);

    budget.release(holder);

    assertThat(ids(line.admit(budget))).containsExactly(1L, 3L);
    assertThat(line.isEmpty()).isTrue();
  }

  @Test
  void remove_dropsAWaiter() {
    WaitingLine line = new WaitingLine(0);
    line.add(needing(1, 200));
    line.add(needing(2, 5));

    assertThat(line.remove(1)).isTrue();
    assertThat(line.remove(1)).isFalse();
    assertThat(ids(line.admit(new KvBudget(100, 8)))).containsExactly(2L);
    assertThat(line.bypasses(2)).isEqualTo(-1);
  }

  @Test
  void duplicateWaiter_isAnError() {
    WaitingLine line = new WaitingLine(0);
    TrackedRequest r = needing(1, 5);
    line.add(r);

    assertThatThrownBy(() -> line.add(r)).hasMessageContaining("already waiting");
  }
}
