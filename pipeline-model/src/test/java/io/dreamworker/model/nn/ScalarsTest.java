package io.dreamworker.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalarsTest {

  @Test
  void results_equalDjlsOwnScalarArithmetic() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {0.5f, -2f, 3f});
      assertThat(Scalars.mul(x, 1.702f).toFloatArray()).isEqualTo(x.mul(1.702f).toFloatArray());
      assertThat(Scalars.div(x, 3f).toFloatArray()).isEqualTo(x.div(3f).toFloatArray());
      NDArray positive = x.abs();
      assertThat(Scalars.pow(positive, -0.5f).toFloatArray()).isEqualTo(positive.pow(-0.5f).toFloatArray());
    }
  }

  @Test
  void gradientThroughTheConstant_survivesGarbageCollectionBeforeBackward() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray x = m.create(new float[] {1f, 2f, 3f, 4f});
      x.setRequiresGradient(true);
      try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray y = Scalars.mul(Scalars.div(x, 4f), 3f).sum();
        churnJavaMemory(m);
        collector.backward(y);
      }
      assertThat(x.getGradient().toFloatArray()).containsOnly(0.75f);
    }
  }

  /** Frees and reallocates small direct buffers, as a training loop does between forward and backward. */
  private static void churnJavaMemory(NDManager m) {
    for (int round = 0; round < 3; round++) {
      List<NDArray> junk = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        junk.add(m.create(ByteBuffer.allocateDirect(4).putFloat(0, Float.NaN), new Shape(), ai.djl.ndarray.types.DataType.FLOAT32));
      }
      junk.forEach(NDArray::close);
      System.gc();
    }
  }
}
