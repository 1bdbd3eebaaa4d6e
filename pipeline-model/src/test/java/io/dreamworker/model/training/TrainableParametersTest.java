package io.dreamworker.model.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dreamworker.model.nn.Linear;
import io.dreamworker.model.weights.Weights;
import org.junit.jupiter.api.Test;

class TrainableParametersTest {

  @Test
  void initialise_sameSeedSameValues_otherSeedOtherValues() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] a = layer(m, 3).arrays().get("proj.weight").toFloatArray();
      float[] b = layer(m, 3).arrays().get("proj.weight").toFloatArray();
      float[] c = layer(m, 4).arrays().get("proj.weight").toFloatArray();
      assertThat(b).isEqualTo(a);
      assertThat(c).isNotEqualTo(a);
    }
  }

  @Test
  void componentBuiltOverThem_sharesTheArraysThatRequireGradients() {
    try (NDManager m = NDManager.newBaseManager()) {
      TrainableParameters p = layer(m, 1);
      Linear linear = Linear.load(Weights.of(p, m), "proj", 4, 3, true);
      assertThat(linear.weight()).isSameAs(p.arrays().get("proj.weight"));
      assertThat(p.arrays().values()).allMatch(NDArray::hasGradient);
      assertThat(p.count()).isEqualTo(4 * 3 + 3);
    }
  }

  private static TrainableParameters layer(NDManager m, long seed) {
    return TrainableParameters.initialise(m, seed, w -> Linear.load(w, "proj", 4, 3, true));
  }
}
