package io.dreamworker.model.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiffusionRowsTest {

  private static final GroupKey KEY = GroupKey.diffusion(64, 64, "ddim");

  private static TrackedRequest latent(long id, boolean pair) {
    TrackedRequest r = new TrackedRequest(id, RequestShape.textToImage(5, pair, 0),
        new SequenceGeometry(10, 6), StageWork.prefill(5));
    r.setWork(StageWork.diffusion(KEY, pair));
    return r;
  }

  @Test
  void rowsWithinLimit_fit_guidancePairsCountTwice() {
    DiffusionRows rows = new DiffusionRows(3);

    assertThat(rows.tryAcquire(latent(1, true))).isTrue();
    assertThat(rows.tryAcquire(latent(2, true))).isFalse();
    assertThat(rows.tryAcquire(latent(3, false))).isTrue();
    assertThat(rows.rowsInFlight()).isEqualTo(3);
  }

  @Test
  void release_returnsTheRowsHeld() {
    DiffusionRows rows = new DiffusionRows(2);
    TrackedRequest r = latent(1, true);
    rows.tryAcquire(r);

    rows.release(r);
    rows.release(r);

    assertThat(rows.rowsInFlight()).isZero();
    assertThat(r.diffusionRowsHeld()).isZero();
  }
}
