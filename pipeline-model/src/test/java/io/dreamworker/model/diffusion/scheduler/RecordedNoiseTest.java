package io.dreamworker.model.diffusion.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class RecordedNoiseTest {

  @Test
  void draws_comeInOrderInTheRequestedShape() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray draws = m.arange(12f).reshape(3, 1, 4);
      RecordedNoise noise = new RecordedNoise(draws);
      assertThat(noise.next(m, new Shape(4)).toFloatArray()).containsExactly(0, 1, 2, 3);
      NDArray second = noise.next(m, new Shape(2, 2));
      assertThat(second.getShape()).isEqualTo(new Shape(2, 2));
      assertThat(second.toFloatArray()).containsExactly(4, 5, 6, 7);
      assertThat(noise.used()).isEqualTo(2);
    }
  }

  @Test
  void moreDrawsThanRecorded_fails() {
    try (NDManager m = NDManager.newBaseManager()) {
      RecordedNoise noise = new RecordedNoise(m.zeros(new Shape(1, 4)));
      noise.next(m, new Shape(4));
      assertThatThrownBy(() -> noise.next(m, new Shape(4)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("draw 2 of only 1");
    }
  }

  @Test
  void drawOfAnotherSize_fails() {
    try (NDManager m = NDManager.newBaseManager()) {
      RecordedNoise noise = new RecordedNoise(m.zeros(new Shape(2, 4)));
      assertThatThrownBy(() -> noise.next(m, new Shape(5)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("needs (5)");
    }
  }
}
