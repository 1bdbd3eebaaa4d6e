package io.dreamworker.model.diffusion.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NumpyRangesTest {

  @Test
  void arangeWithAnInexactStep_hasNumpysExtraValue() {
    // len(np.arange(1000, 0, -1000/61)) == 62; its last value is ~0.
    double[] v = NumpyRanges.arange(1000, 0, -1000.0 / 61);
    assertThat(v).hasSize(62);
    assertThat(v[0]).isEqualTo(1000.0);
    assertThat(NumpyRanges.round(v[61])).isZero();
  }

  @Test
  void arange_fillsFromTheFirstDifference() {
    double[] v = NumpyRanges.arange(1000, 0, -62.5);
    assertThat(v).hasSize(16);
    assertThat(v[1]).isEqualTo(937.5);
    assertThat(v[15]).isEqualTo(62.5);
  }

  @Test
  void arangeThatIsEmpty_hasNoValues() {
    assertThat(NumpyRanges.arange(0, 10, -1)).isEmpty();
  }

  @Test
  void linspace_endsExactlyAtStop() {
    double[] v = NumpyRanges.linspace(0, 999, 7);
    assertThat(v[0]).isZero();
    assertThat(v[6]).isEqualTo(999.0);
    assertThat(v[3]).isEqualTo(3 * (999.0 / 6));
    assertThat(NumpyRanges.linspace(0, 999, 1)).containsExactly(0.0);
  }

  @Test
  void round_takesHalvesToEven() {
    assertThat(NumpyRanges.round(166.5)).isEqualTo(166);
    assertThat(NumpyRanges.round(499.5)).isEqualTo(500);
    assertThat(NumpyRanges.round(0.5)).isZero();
  }
}
