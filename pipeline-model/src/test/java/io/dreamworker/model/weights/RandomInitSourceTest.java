package io.dreamworker.model.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class RandomInitSourceTest {

  @Test
  void values_dependOnSeedAndNameNotOnRequestOrder() {
    try (NDManager m = NDManager.newBaseManager()) {
      var a = new RandomInitSource(7, 1f);
      var b = new RandomInitSource(7, 1f);
      Weights wa = Weights.of(a, m);
      Weights wb = Weights.of(b, m);
      float[] x1 = wa.get("x.weight", 4, 3).toFloatArray();
      wa.get("y.weight", 2, 2);
      wb.get("y.weight", 2, 2);
      float[] x2 = wb.get("x.weight", 4, 3).toFloatArray();
      assertThat(x1).containsExactly(x2);
      float[] other = Weights.of(new RandomInitSource(8, 1f), m).get("x.weight", 4, 3).toFloatArray();
      assertThat(other).isNotEqualTo(x1);
      assertThat(a.created().keySet()).containsExactly("x.weight", "y.weight");
    }
  }

  @Test
  void normsAreOnes_biasesZeros_weightsScaledByFanIn() {
    try (NDManager m = NDManager.newBaseManager()) {
      Weights w = Weights.of(new RandomInitSource(1, 1f), m);
      assertThat(w.get("layers.0.input_layernorm.weight", 5).toFloatArray()).containsOnly(1f);
      assertThat(w.get("norm1.weight", 5).toFloatArray()).containsOnly(1f);
      assertThat(w.get("q.bias", 5).toFloatArray()).containsOnly(0f);
      float std = stdOf(w.get("big.weight", 64, 400).toFloatArray());
      assertThat(std).isBetween(0.045f, 0.055f); // 1/sqrt(400) = 0.05
    }
  }

  @Test
  void optionalTensors_areNotInvented() {
    try (NDManager m = NDManager.newBaseManager()) {
      Weights w = Weights.of(new RandomInitSource(1, 1f), m);
      assertThat(w.find("maybe.bias", 3)).isNull();
      assertThat(w.has("maybe.bias")).isFalse();
    }
  }

  private static float stdOf(float[] v) {
    double sum = 0;
    double sq = 0;
    for (float x : v) {
      sum += x;
      sq += x * x;
    }
    double mean = sum / v.length;
    return (float) Math.sqrt(sq / v.length - mean * mean);
  }
}
