package io.dreamworker.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SustainedRateTest {

  @Test
  void steadyCompletions_giveTheirRate_whateverTheEdges() {
    long[] times = new long[101];
    for (int i = 0; i < times.length; i++) {
      times[i] = 5_000_000_000L + i * 250_000_000L; // four a second
    }
    times[0] = 0; // a slow first batch
    times[100] = 60_000_000_000L; // a long tail
    assertThat(SustainedRate.of(times)).isEqualTo(4.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void orderDoesNotMatter() {
    long[] times = {9, 1, 8, 2, 7, 3, 6, 4, 5, 10};
    long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(SustainedRate.of(times)).isEqualTo(SustainedRate.of(sorted));
  }

  @Test
  void tooFewCompletions_areRefused() {
    assertThatThrownBy(() -> SustainedRate.of(new long[] {1, 2, 3})).hasMessageContaining("got 3");
  }
}
