package io.dreamworker.worker.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PartitionOffsetsTest {

  @Test
  void nothingReceived_committableIsTheStartPosition() {
    PartitionOffsets offsets = new PartitionOffsets(42);
    assertThat(offsets.committable()).isEqualTo(42);
    assertThat(offsets.pendingCommit()).isEmpty();
  }

  @Test
  void outOfOrderCompletion_committableStaysAtTheLowestUnfinished() {
    PartitionOffsets offsets = new PartitionOffsets(10);
    offsets.received(10);
    offsets.received(11);
    offsets.received(12);
    offsets.completed(12);
    offsets.completed(11);
    assertThat(offsets.committable()).isEqualTo(10);
    offsets.completed(10);
    assertThat(offsets.committable()).isEqualTo(13);
    assertThat(offsets.pendingCommit()).hasValue(13);
  }

  @Test
  void markCommitted_clearsThePendingCommitUntilItMovesAgain() {
    PartitionOffsets offsets = new PartitionOffsets(0);
    offsets.received(0);
    offsets.completed(0);
    offsets.markCommitted(1);
    assertThat(offsets.pendingCommit()).isEmpty();
    offsets.received(1);
    offsets.completed(1);
    assertThat(offsets.pendingCommit()).hasValue(2);
  }

  @Test
  void duplicateCompletion_isIgnored() {
    PartitionOffsets offsets = new PartitionOffsets(0);
    offsets.received(0);
    assertThat(offsets.completed(0)).isTrue();
    assertThat(offsets.completed(0)).isFalse();
  }

  @Test
  void sameOffsetTwice_isAnError() {
    PartitionOffsets offsets = new PartitionOffsets(0);
    offsets.received(3);
    assertThatThrownBy(() -> offsets.received(3)).hasMessageContaining("offset 3 is already in flight");
  }

  @Test
  void gapsInOffsets_committableSkipsThem() {
    // Compacted topics and transaction markers leave gaps; the position after the last record counts.
    PartitionOffsets offsets = new PartitionOffsets(0);
    offsets.received(5);
    offsets.received(9);
    offsets.completed(5);
    offsets.completed(9);
    assertThat(offsets.committable()).isEqualTo(10);
  }

  /**
   * The safety of out-of-order commits: whatever order jobs finish in, the committable position
   * never passes an unfinished offset, never goes back, and reaches the end once all finished.
   */
  @Property
  void anyCompletionOrder_neverCommitsPastAnUnfinishedOffset(@ForAll @IntRange(min = 1, max = 60) int count,
      @ForAll long seed) {
    Random random = new Random(seed);
    PartitionOffsets offsets = new PartitionOffsets(100);
    List<Long> received = new ArrayList<>();
    long offset = 100;
    for (int i = 0; i < count; i++) {
      offset += 1 + random.nextInt(3);
      offsets.received(offset);
      received.add(offset);
    }
    List<Long> order = new ArrayList<>(received);
    Collections.shuffle(order, random);
    TreeSet<Long> unfinished = new TreeSet<>(received);
    long previous = offsets.committable();
    for (long done : order) {
      offsets.completed(done);
      unfinished.remove(done);
      long committable = offsets.committable();
      assertThat(committable).isGreaterThanOrEqualTo(previous);
      if (!unfinished.isEmpty()) {
        assertThat(committable).isEqualTo(unfinished.first());
      }
      previous = committable;
    }
    assertThat(offsets.committable()).isEqualTo(offset + 1);
    assertThat(offsets.inFlightCount()).isZero();
  }
}
