package io.dreamworker.model;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class DjlSmokeTest {
  @Test
  void matmul() {
    try (NDManager m = NDManager.newBaseManager("PyTorch")) {
      var a = m.ones(new ai.djl.ndarray.types.Shape(2, 2));
      assertThat(a.matMul(a).toFloatArray()).containsExactly(2f, 2f, 2f, 2f);
    }
  }
}
