package io.dreamworker.model.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KvBudgetTest {

  private static final SequenceGeometry G = new SequenceGeometry(10, 6);

  private static TrackedRequest needing(long id, int tokens) {
    return new TrackedRequest(id, RequestShape.caption(tokens, 0, 0), G, StageWork.prefill(1));
  }

  @Test
  void reservationsWithinBudget_fit() {
    KvBudget budget = new KvBudget(100, 4);

    assertThat(budget.tryAcquire(needing(1, 60))).isTrue();
    assertThat(budget.tryAcquire(needing(2, 40))).isTrue();
    assertThat(budget.reservedTokens()).isEqualTo(100);
    assertThat(budget.sequences()).isEqualTo(2);
    assertThat(budget.hasRoom()).isFalse();
  }

  @Test
  void reservationBeyondBudget_doesNotFit_andChangesNothing() {
    KvBudget budget = new KvBudget(100, 4);
    budget.tryAcquire(needing(1, 60));
    TrackedRequest big = needing(2, 41);

    assertThat(budget.tryAcquire(big)).isFalse();
    assertThat(big.holdsKvReservation()).isFalse();
    assertThat(budget.reservedTokens()).isEqualTo(60);
  }

  @Test
  void sequenceSlots_limitEvenWithFreeTokens() {
    KvBudget budget = new KvBudget(100, 1);
    budget.tryAcquire(needing(1, 1));

    assertThat(budget.tryAcquire(needing(2, 1))).isFalse();
    assertThat(budget.hasRoom()).isFalse();
  }

  @Test
  void release_returnsTokensAndSlot_once() {
    KvBudget budget = new KvBudget(100, 1);
    TrackedRequest r = needing(1, 70);
    budget.tryAcquire(r);

    budget.release(r);
    budget.release(r);

    assertThat(budget.reservedTokens()).isZero();
    assertThat(budget.sequences()).isZero();
    assertThat(budget.tryAcquire(needing(2, 100))).isTrue();
  }

  @Test
  void doubleReservation_isAnError() {
    KvBudget budget = new KvBudget(100, 4);
    TrackedRequest r = needing(1, 10);
    budget.tryAcquire(r);

    assertThatThrownBy(() -> budget.tryAcquire(r)).hasMessageContaining("already holds");
  }
}
