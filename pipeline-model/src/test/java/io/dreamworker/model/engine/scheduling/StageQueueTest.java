package io.dreamworker.model.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dreamworker.model.engine.scheduling.SchedulerConfig.StageLimits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageQueueTest {

  private static final GroupKey A = GroupKey.diffusion(64, 64, "ddim");
  private static final GroupKey B = GroupKey.diffusion(128, 64, "ddim");
  private static final long MS = 1_000_000;

  private static StageQueue diffusion(int max, int preferred, long delayMs) {
    return new StageQueue(Stage.DIFFUSION,
        new StageLimits(max, preferred, Duration.ofMillis(delayMs), 1));
  }

  private static WorkItem latent(long id, GroupKey key, boolean pair, long atNanos) {
    return new WorkItem(id, StageWork.diffusion(key, pair), atNanos);
  }

  private static List<Long> ids(List<WorkItem> items) {
    return items.stream().map(WorkItem::requestId).toList();
  }

  @Test
  void emptyQueue_offersNothing() {
    assertThat(diffusion(4, 1, 0).offer(0)).isEmpty();
  }

  @Test
  void batch_isTheOldestItemsOfOneGroupWithinMaxRows() {
    StageQueue q = diffusion(4, 1, 0);
    q.add(latent(1, A, true, 0));
    q.add(latent(2, B, false, 1));
    q.add(latent(3, A, false, 2));
    q.add(latent(4, A, true, 3));
    q.add(latent(5, A, false, 4));

    Offer offer = q.offer(10).orElseThrow();
    List<WorkItem> batch = q.take(offer.groupKey());

    assertThat(offer.groupKey()).isEqualTo(A);
    assertThat(offer.rows()).isEqualTo(3);
    // 1 (2 rows) + 3 (1 row) fit; 4 (2 rows) does not, and 5 may not jump it.
    assertThat(ids(batch)).containsExactly(1L, 3L);
    assertThat(ids(q.items())).containsExactly(2L, 4L, 5L);
    assertThat(q.rows()).isEqualTo(4);
  }

  @Test
  void notFullNotDue_isNotReady_untilTheDelayPasses() {
    StageQueue q = diffusion(4, 3, 5);
    q.add(latent(1, A, false, 0));

    Offer early = q.offer(4 * MS).orElseThrow();
    Offer late = q.offer(5 * MS).orElseThrow();

    assertThat(early.ready()).isFalse();
    assertThat(early.dueAtNanos()).isEqualTo(5 * MS);
    assertThat(late.due()).isTrue();
    assertThat(late.full()).isFalse();
  }

  @Test
  void readyYoungerGroup_isOfferedBeforeAnOlderGroupThatIsNotReady() {
    StageQueue q = diffusion(4, 2, 100);
    q.add(latent(1, A, false, 0));
    q.add(latent(2, B, true, 1));

    Offer offer = q.offer(MS).orElseThrow();

    assertThat(offer.groupKey()).isEqualTo(B);
    assertThat(offer.full()).isTrue();
  }

  @Test
  void amongReadyGroups_theOldestHeadWins() {
    StageQueue q = diffusion(4, 1, 100);
    q.add(latent(1, B, false, 0));
    q.add(latent(2, A, false, 1));

    assertThat(q.offer(MS).orElseThrow().groupKey()).isEqualTo(B);
  }

  @Test
  void noGroupReady_offersTheOldestGroup() {
    StageQueue q = diffusion(4, 4, 100);
    q.add(latent(1, B, false, 0));
    q.add(latent(2, A, true, 1));

    Offer offer = q.offer(MS).orElseThrow();

    assertThat(offer.ready()).isFalse();
    assertThat(offer.groupKey()).isEqualTo(B);
    assertThat(offer.dueAtNanos()).isEqualTo(100 * MS);
  }

  @Test
  void remove_dropsTheItemAndItsRows() {
    StageQueue q = diffusion(4, 1, 0);
    q.add(latent(1, A, true, 0));
    q.add(latent(2, A, false, 0));

    assertThat(q.remove(1)).isPresent();
    assertThat(q.remove(1)).isEmpty();
    assertThat(q.rows()).isEqualTo(1);
    assertThat(q.oldestEnqueuedAtNanos()).hasValue(0);
  }

  @Test
  void wrongStageOrDuplicateOrOversized_isRejected() {
    StageQueue q = diffusion(1, 1, 0);
    q.add(latent(1, A, false, 0));

    assertThatThrownBy(() -> q.add(new WorkItem(2, StageWork.decode(), 0)))
        .hasMessageContaining("cannot join the DIFFUSION queue");
    assertThatThrownBy(() -> q.add(latent(1, A, false, 0))).hasMessageContaining("already waits");
    assertThatThrownBy(() -> q.add(latent(3, A, true, 0)))
        .hasMessageContaining("maxBatchRows is 1");
  }

  @Test
  void hugeDelay_isNeverDue() {
    StageQueue q = new StageQueue(Stage.PREFILL,
        new StageLimits(4, 4, Duration.ofDays(365L * 1000), 1));
    q.add(new WorkItem(1, StageWork.prefill(3), 1_000));

    Offer offer = q.offer(Long.MAX_VALUE / 2).orElseThrow();

    assertThat(offer.due()).isFalse();
    assertThat(offer.dueAtNanos()).isEqualTo(Long.MAX_VALUE);
  }
}
