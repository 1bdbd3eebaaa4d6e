package io.dreamworker.worker.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dreamworker.worker.commit.PartitionProgress.Admission;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PartitionProgressTest {

  private static IncompleteOffsets above(long span, Map<Long, Integer> incomplete) {
    return new IncompleteOffsets(span, new TreeMap<>(incomplete));
  }

  @Test
  void nothingReceived_commitsTheStartPositionWithNothingAbove() {
    PartitionProgress progress = PartitionProgress.fresh(42, 3);
    assertThat(progress.commitPoint()).isEqualTo(new CommitPoint(42, IncompleteOffsets.NONE));
    assertThat(progress.changedSinceCommit()).isFalse();
  }

  @Test
  void outOfOrderCompletion_keepsThePositionAtTheLowestUnfinished_andRecordsTheRest() {
    PartitionProgress progress = PartitionProgress.fresh(10, 3);
    assertThat(progress.start(10)).isEqualTo(new Admission.Run(1));
    progress.start(11);
    progress.start(12);
    progress.completed(12);
    progress.completed(11);

    assertThat(progress.commitPoint()).isEqualTo(new CommitPoint(10, above(3, Map.of(0L, 1))));
    progress.completed(10);
    assertThat(progress.commitPoint()).isEqualTo(new CommitPoint(13, IncompleteOffsets.NONE));
  }

  @Test
  void gapsInOffsets_countAsDone() {
    // Compacted topics and transaction markers leave gaps; the position after the last record counts.
    PartitionProgress progress = PartitionProgress.fresh(0, 3);
    progress.start(5);
    progress.start(9);
    progress.completed(9);
    assertThat(progress.commitPoint()).isEqualTo(new CommitPoint(5, above(5, Map.of(0L, 1))));
    progress.completed(5);
    assertThat(progress.position()).isEqualTo(10);
  }

  @Test
  void resume_skipsWhatTheMetadataMarksDone_andRunsTheRestWithTheirNextAttempt() {
    PartitionProgress progress = PartitionProgress.resume(100, above(4, Map.of(0L, 1, 2L, 2)), 3);

    assertThat(progress.start(100)).isEqualTo(new Admission.Run(2));
    assertThat(progress.start(101)).isEqualTo(new Admission.AlreadyDone());
    assertThat(progress.start(102)).isEqualTo(new Admission.Run(3));
    assertThat(progress.start(103)).isEqualTo(new Admission.AlreadyDone());
    assertThat(progress.start(104)).isEqualTo(new Admission.Run(1));
    assertThat(progress.isDone(101)).isTrue();
    assertThat(progress.isDone(104)).isFalse();
  }

  @Test
  void recordThatUsedAllItsAttempts_isExhausted_andIsDoneOnceItsFailureIsCommitted() {
    PartitionProgress progress = PartitionProgress.resume(7, above(1, Map.of(0L, 3)), 3);
    assertThat(progress.nextAttempt(7)).isEqualTo(4);
    assertThat(progress.start(7)).isEqualTo(new Admission.Exhausted(3));
    assertThat(progress.commitPoint().above().attempts(0)).isEqualTo(3);
    progress.completed(7);
    assertThat(progress.position()).isEqualTo(8);
  }

  @Test
  void fetchedButNotStarted_isNotRecorded_soACrashDoesNotCountAgainstIt() {
    PartitionProgress progress = PartitionProgress.fresh(0, 3);
    progress.start(0);
    assertThat(progress.nextAttempt(1)).isEqualTo(1);
    assertThat(progress.commitPoint()).isEqualTo(new CommitPoint(0, above(1, Map.of(0L, 1))));
  }

  @Test
  void released_givesBackTheAttempt_soACleanHandoverDoesNotCount() {
    PartitionProgress progress = PartitionProgress.fresh(0, 3);
    progress.start(0);
    progress.released(0);
    assertThat(progress.commitPoint()).isEqualTo(new CommitPoint(0, above(1, Map.of(0L, 0))));
    // Started again (here, or by the next owner): still its first attempt.
    assertThat(progress.start(0)).isEqualTo(new Admission.Run(1));
  }

  @Test
  void failedAttempt_counts_andTheNextStartIsTheNextAttempt_untilNoneIsLeft() {
    PartitionProgress progress = PartitionProgress.fresh(0, 2);
    progress.start(0);
    progress.failed(0);
    assertThat(progress.commitPoint().above().attempts(0)).isEqualTo(1);
    assertThat(progress.nextAttempt(0)).isEqualTo(2);
    assertThat(progress.start(0)).isEqualTo(new Admission.Run(2));
    progress.failed(0);
    assertThat(progress.start(0)).isEqualTo(new Admission.Exhausted(2));
    assertThatThrownBy(() -> progress.failed(0)).hasMessageContaining("being given up");
  }

  @Test
  void releasingARecordBeingGivenUp_keepsItsAttempts() {
    PartitionProgress progress = PartitionProgress.resume(0, above(1, Map.of(0L, 2)), 2);
    assertThat(progress.start(0)).isEqualTo(new Admission.Exhausted(2));
    progress.released(0);
    assertThat(progress.commitPoint().above().attempts(0)).isEqualTo(2);
    assertThat(progress.start(0)).isEqualTo(new Admission.Exhausted(2));
  }

  @Test
  void commitPointWith_aNewRecord_addsItAsAFirstAttempt_withoutChangingTheState() {
    PartitionProgress progress = PartitionProgress.fresh(0, 3);
    progress.start(0);
    assertThat(progress.commitPointWith(3)).isEqualTo(new CommitPoint(0, above(4, Map.of(0L, 1, 3L, 1))));
    assertThat(progress.commitPoint()).isEqualTo(new CommitPoint(0, above(1, Map.of(0L, 1))));
  }

  @Test
  void markCommitted_clearsTheChangeUntilTheStateMovesAgain() {
    PartitionProgress progress = PartitionProgress.fresh(0, 3);
    progress.start(0);
    assertThat(progress.changedSinceCommit()).isTrue();
    progress.markCommitted(progress.commitPoint());
    assertThat(progress.changedSinceCommit()).isFalse();
    progress.completed(0);
    assertThat(progress.changedSinceCommit()).isTrue();
  }

  @Test
  void misuse_isRefusedWithTheOffsetNamed() {
    PartitionProgress progress = PartitionProgress.fresh(0, 3);
    progress.start(3);
    assertThatThrownBy(() -> progress.start(3)).hasMessageContaining("offset 3 is in flight already");
    assertThatThrownBy(() -> progress.nextAttempt(1)).hasMessageContaining("offset 1 is done");
    assertThatThrownBy(() -> progress.completed(4)).hasMessageContaining("offset 4 is not in flight");
    assertThatThrownBy(() -> PartitionProgress.fresh(-1, 3)).hasMessageContaining("got -1");
    assertThatThrownBy(() -> PartitionProgress.fresh(0, 0)).hasMessageContaining("maxAttempts must be at least 1");
  }
}
