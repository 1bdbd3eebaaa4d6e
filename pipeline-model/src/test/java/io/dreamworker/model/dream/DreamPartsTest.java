package io.dreamworker.model.dream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.weights.MemorySource;
import io.dreamworker.model.weights.RandomInitSource;
import io.dreamworker.model.weights.Weights;
import io.dreamworker.model.weights.WeightsException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DreamPartsTest {
  static final DreamConfig CONFIG = new DreamConfig(4, -2, "patch", 6, 8, 5);

  @Test
  void patchSelection_dropsTheClassTokenAndProjects() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = m.randomNormal(new Shape(8, 6));
      NDArray b = m.randomNormal(new Shape(8));
      DreamParts parts = DreamParts.load(CONFIG, Weights.of(new MemorySource(Map.of(
          "visual_projector.weight", w,
          "visual_projector.bias", b,
          "dream_queries", m.randomNormal(new Shape(1, 4, 8)),
          "condition_projector.weight", m.randomNormal(new Shape(5, 8)))), m));
      NDArray clip = m.randomNormal(new Shape(2, 1 + 9, 6));
      NDArray out = parts.projectImageFeatures(clip);
      assertThat(out.getShape()).isEqualTo(new Shape(2, 9, 8));
      // Row 0 of the output is patch 1 of the input (the class token at 0 is dropped).
      NDArray expected = clip.get(0).get(1).matMul(w.transpose()).add(b);
      assertThat(out.get(0).get(0).toFloatArray()).usingComparatorWithPrecision(1e-5f)
          .containsExactly(expected.toFloatArray());
    }
  }

  @Test
  void clsPatchSelection_keepsTheClassToken() {
    try (NDManager m = NDManager.newBaseManager()) {
      DreamConfig config = new DreamConfig(4, -2, "cls_patch", 6, 8, 5);
      DreamParts parts = DreamParts.load(config, Weights.of(new RandomInitSource(1, 1f), m));
      assertThat(parts.projectImageFeatures(m.ones(new Shape(1, 10, 6))).getShape())
          .isEqualTo(new Shape(1, 10, 8));
    }
  }

  @Test
  void condition_isBiasFreeProjectionOfEachQuery() {
    try (NDManager m = NDManager.newBaseManager()) {
      DreamParts parts = DreamParts.load(CONFIG, Weights.of(new RandomInitSource(2, 1f), m));
      assertThat(parts.dreamQueries().getShape()).isEqualTo(new Shape(1, 4, 8));
      NDArray zero = m.zeros(new Shape(3, 4, 8));
      NDArray cond = parts.condition(zero);
      assertThat(cond.getShape()).isEqualTo(new Shape(3, 4, 5));
      assertThat(cond.abs().max().getFloat()).isZero();
    }
  }

  @Test
  void queriesOfAnotherWidth_areRejectedWithBothShapes() {
    try (NDManager m = NDManager.newBaseManager()) {
      var source = new MemorySource(Map.of(
          "visual_projector.weight", m.ones(new Shape(8, 6)),
          "visual_projector.bias", m.ones(new Shape(8)),
          "dream_queries", m.ones(new Shape(1, 64, 8)),
          "condition_projector.weight", m.ones(new Shape(5, 8))));
      assertThatThrownBy(() -> DreamParts.load(CONFIG, Weights.of(source, m)))
          .isInstanceOf(WeightsException.class)
          .hasMessageContaining("'dream_queries' has shape [1, 64, 8] but the config implies [1, 4, 8]");
    }
  }

  @Test
  void invalidConfig_namesTheKey() {
    assertThatThrownBy(() -> new DreamConfig(0, -2, "patch", 1, 1, 1))
        .hasMessageContaining("num_dream_queries must be at least 1, got 0");
    assertThatThrownBy(() -> new DreamConfig(4, -2, "cls", 1, 1, 1))
        .hasMessageContaining("vision_select_feature 'cls' is not one of [patch, cls_patch]");
  }
}
