package io.dreamworker.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightsTest {

  @Test
  void childView_readsUnderItsPrefixAndRecordsUse() {
    try (NDManager m = NDManager.newBaseManager()) {
      var source = new MemorySource(Map.of(
          "model.layers.0.q.weight", m.ones(new Shape(4, 2)),
          "model.norm.weight", m.ones(new Shape(2))));
      Weights root = Weights.of(source, m);
      Weights layer = root.child("model").child("layers.0");
      assertThat(layer.get("q.weight", 4, 2).getShape()).isEqualTo(new Shape(4, 2));
      assertThat(layer.fullName("q.weight")).isEqualTo("model.layers.0.q.weight");
      assertThat(root.unused()).containsExactly("model.norm.weight");
    }
  }

  @Test
  void wrongShape_namesTensorAndBothShapes() {
    try (NDManager m = NDManager.newBaseManager()) {
      Weights w = Weights.of(new MemorySource(Map.of("a.weight", m.ones(new Shape(4, 2)))), m);
      assertThatThrownBy(() -> w.child("a").get("weight", 2, 4))
          .isInstanceOf(WeightsException.class)
          .hasMessage("tensor 'a.weight' has shape [4, 2] but the config implies [2, 4]");
    }
  }

  @Test
  void missingTensor_namesItAndItsSiblings() {
    try (NDManager m = NDManager.newBaseManager()) {
      Weights w = Weights.of(new MemorySource(Map.of("a.weight", m.ones(new Shape(1)))), m);
      assertThatThrownBy(() -> w.child("a").get("bias", 1))
          .isInstanceOf(WeightsException.class)
          .hasMessageContaining("missing tensor 'a.bias' (expected shape [1])")
          .hasMessageContaining("a.weight");
      assertThat(w.child("a").find("bias", 1)).isNull();
    }
  }
}
