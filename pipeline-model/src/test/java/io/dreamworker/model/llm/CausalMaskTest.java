package io.dreamworker.model.llm;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class CausalMaskTest {
  private static final float NO = -Float.MAX_VALUE;

  @Test
  void newTokensAfterACache_seeEveryCachedSlotAndEarlierNewOnes() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray mask = CausalMask.additive(m, 2, 2, null);

      assertThat(mask.getShape()).isEqualTo(new Shape(1, 1, 2, 4));
      assertThat(mask.toFloatArray()).containsExactly(
          0, 0, 0, NO,
          0, 0, 0, 0);
    }
  }

  @Test
  void paddingMask_hidesPaddedKeysPerRow() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray padding = m.create(new long[][] {{1, 1, 1}, {0, 1, 1}});

      NDArray mask = CausalMask.additive(m, 0, 3, padding);

      assertThat(mask.getShape()).isEqualTo(new Shape(2, 1, 3, 3));
      assertThat(mask.toFloatArray()).containsExactly(
          0, NO, NO,
          0, 0, NO,
          0, 0, 0,
          NO, NO, NO,
          NO, 0, NO,
          NO, 0, 0);
    }
  }

  @Test
  void oneTokenWithoutPadding_needsNoMask() {
    try (NDManager m = NDManager.newBaseManager()) {
      assertThat(CausalMask.additive(m, 5, 1, null)).isNull();
    }
  }
}
