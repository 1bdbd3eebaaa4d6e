package io.dreamworker.worker.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class IncompleteOffsetsTest {

  @Test
  void none_isEmptyAndCoversNothing() {
    assertThat(IncompleteOffsets.NONE.isEmpty()).isTrue();
    assertThat(IncompleteOffsets.NONE.span()).isZero();
    assertThat(IncompleteOffsets.NONE.incompleteCount()).isZero();
    assertThat(IncompleteOffsets.NONE.isDone(0)).isFalse();
    assertThat(IncompleteOffsets.NONE.attempts(0)).isZero();
  }

  @Test
  void validOffsets_answerDoneAndAttemptsPerOffset() {
    IncompleteOffsets offsets = new IncompleteOffsets(6, sorted(Map.of(0L, 2, 3L, 0)));

    assertThat(offsets.isEmpty()).isFalse();
    assertThat(offsets.incompleteCount()).isEqualTo(2);
    assertThat(offsets.isDone(0)).isFalse();
    assertThat(offsets.isDone(1)).isTrue();
    assertThat(offsets.isDone(3)).isFalse();
    assertThat(offsets.isDone(5)).isTrue();
    assertThat(offsets.isDone(6)).as("past the span: not seen").isFalse();
    assertThat(offsets.attempts(0)).isEqualTo(2);
    assertThat(offsets.attempts(3)).isZero();
    assertThat(offsets.attempts(1)).as("done").isZero();
    assertThat(offsets.attempts(99)).as("not seen").isZero();
  }

  @Test
  void negativeRelativeOffset_isRefusedByTheQueries() {
    IncompleteOffsets offsets = new IncompleteOffsets(1, sorted(Map.of(0L, 1)));

    assertThatThrownBy(() -> offsets.isDone(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("relative offset must be at least 0, got -1");
    assertThatThrownBy(() -> offsets.attempts(-3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("relative offset must be at least 0, got -3");
  }

  @Test
  void callerChangesItsMap_copyStaysAsItWas() {
    TreeMap<Long, Integer> incomplete = new TreeMap<>(Map.of(0L, 1));
    IncompleteOffsets offsets = new IncompleteOffsets(3, incomplete);

    incomplete.put(2L, 5);

    assertThat(offsets.incomplete()).containsExactly(Map.entry(0L, 1));
    assertThatThrownBy(() -> offsets.incomplete().put(1L, 1)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void mapInReverseOrder_isKeptAscending() {
    TreeMap<Long, Integer> reversed = new TreeMap<>(Comparator.reverseOrder());
    reversed.putAll(Map.of(0L, 1, 4L, 2, 9L, 3));

    IncompleteOffsets offsets = new IncompleteOffsets(10, reversed);

    assertThat(offsets.incomplete().keySet()).containsExactly(0L, 4L, 9L);
    assertThat(offsets).isEqualTo(new IncompleteOffsets(10, sorted(Map.of(0L, 1, 4L, 2, 9L, 3))));
  }

  @Test
  void negativeSpan_isRefused() {
    assertThatThrownBy(() -> new IncompleteOffsets(-1, Collections.emptySortedMap()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("span must be at least 0, got -1");
  }

  @Test
  void nullMap_isRefused() {
    assertThatThrownBy(() -> new IncompleteOffsets(0, null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("incomplete must not be null");
  }

  @Test
  void zeroSpanWithIncompleteOffsets_isRefused() {
    assertThatThrownBy(() -> new IncompleteOffsets(0, sorted(Map.of(0L, 1, 2L, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("span is 0 but 2 offsets are listed as incomplete, the lowest 0; every incomplete offset must "
            + "lie in [0, span)");
  }

  @Test
  void positiveSpanWithNothingIncomplete_isRefused() {
    assertThatThrownBy(() -> new IncompleteOffsets(7, Collections.emptySortedMap()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("span is 7 but no offset is incomplete");
  }

  @Test
  void offsetZeroDone_isRefused() {
    assertThatThrownBy(() -> new IncompleteOffsets(7, sorted(Map.of(3L, 1, 5L, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("relative offset 0 must be incomplete when the span is 7 (the position is the lowest incomplete "
            + "offset), but the lowest listed is 3");
  }

  @Test
  void offsetAtOrPastTheSpan_isRefused() {
    assertThatThrownBy(() -> new IncompleteOffsets(7, sorted(Map.of(0L, 1, 7L, 1))))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("relative offset 7 is outside the span [0, 7)");
  }

  @Test
  void negativeOffset_isRefused() {
    assertThatThrownBy(() -> new IncompleteOffsets(7, sorted(Map.of(-2L, 1, 0L, 1))))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("relative offset -2 is outside the span [0, 7)");
  }

  @Test
  void negativeAttempts_areRefused() {
    assertThatThrownBy(() -> new IncompleteOffsets(7, sorted(Map.of(0L, 1, 4L, -1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attempts of relative offset 4 must be at least 0, got -1");
  }

  @Test
  void nullAttempts_areRefused() {
    TreeMap<Long, Integer> incomplete = new TreeMap<>();
    incomplete.put(0L, null);

    assertThatThrownBy(() -> new IncompleteOffsets(1, incomplete)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("attempts of relative offset 0 must be at least 0, got null");
  }

  @Test
  void nullOffset_isRefused() {
    TreeMap<Long, Integer> incomplete = new TreeMap<>(Comparator.nullsFirst(Comparator.<Long>naturalOrder()));
    incomplete.put(null, 1);

    assertThatThrownBy(() -> new IncompleteOffsets(1, incomplete)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("incomplete lists a null offset");
  }

  @Test
  void moreThanTheLimit_isRefused() {
    Map<Long, Integer> incomplete = new HashMap<>();
    for (long offset = 0; offset <= IncompleteOffsets.MAX_INCOMPLETE; offset++) {
      incomplete.put(offset, 1);
    }

    assertThatThrownBy(() -> new IncompleteOffsets(IncompleteOffsets.MAX_INCOMPLETE + 1L, sorted(incomplete)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("65537 incomplete offsets, over the limit of 65536");
  }

  @Test
  void exactlyTheLimit_isAccepted() {
    Map<Long, Integer> incomplete = new HashMap<>();
    for (long offset = 0; offset < IncompleteOffsets.MAX_INCOMPLETE; offset++) {
      incomplete.put(offset * 2, 1);
    }

    assertThat(new IncompleteOffsets(2L * IncompleteOffsets.MAX_INCOMPLETE, sorted(incomplete)).incompleteCount())
        .isEqualTo(IncompleteOffsets.MAX_INCOMPLETE);
  }

  private static SortedMap<Long, Integer> sorted(Map<Long, Integer> incomplete) {
    return new TreeMap<>(incomplete);
  }
}
