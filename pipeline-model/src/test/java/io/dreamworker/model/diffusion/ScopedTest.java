package io.dreamworker.model.diffusion;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ScopedTest {

  @Test
  void compute_closesIntermediatesAndKeepsTheResult() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.ones(new Shape(3));
      AtomicReference<NDArray> intermediate = new AtomicReference<>();

      NDArray y = Scoped.compute(() -> {
        intermediate.set(x.add(1));
        return intermediate.get().mul(2);
      });

      assertThat(intermediate.get().isReleased()).isTrue();
      assertThat(y.isReleased()).isFalse();
      assertThat(x.isReleased()).isFalse();
      assertThat(y.toFloatArray()).containsExactly(4, 4, 4);
    }
  }

  @Test
  void compute_handsTheResultToTheEnclosingScope() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.ones(new Shape(2));
      NDArray y;
      try (NDScope outer = new NDScope()) {
        y = Scoped.compute(() -> x.add(1));
        assertThat(y.isReleased()).isFalse();
      }
      assertThat(y.isReleased()).isTrue();
    }
  }

  @Test
  void computeAll_keepsEveryReturnedArray() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.ones(new Shape(2));

      NDList out = Scoped.computeAll(() -> new NDList(x.add(1), x.add(2)));

      assertThat(out.get(0).toFloatArray()).containsExactly(2, 2);
      assertThat(out.get(1).toFloatArray()).containsExactly(3, 3);
    }
  }
}
