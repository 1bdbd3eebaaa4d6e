package io.dreamworker.model.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.conformance.RelativeError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RotaryEmbeddingTest {
  private NDManager manager;

  @BeforeEach
  void open() {
    manager = NDManager.newBaseManager();
  }

  @AfterEach
  void close() {
    manager.close();
  }

  @Test
  void inverseFrequencies_areThetaToTheMinusTwoIOverD() {
    RotaryEmbedding rope = RotaryEmbedding.create(RopeParameters.standard(500000.0), 8, manager);

    float[] inv = rope.inverseFrequencies().toFloatArray();

    assertThat(inv).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertThat((double) inv[i]).isCloseTo(Math.pow(500000.0, -2.0 * i / 8), within(1e-6 * Math.pow(500000.0, -2.0 * i / 8)));
    }
  }

  @Test
  void linearScaling_dividesTheFrequenciesByTheFactor() {
    RotaryEmbedding plain = RotaryEmbedding.create(RopeParameters.standard(10000.0), 16, manager);
    RotaryEmbedding linear = RotaryEmbedding.create(
        new RopeParameters(RopeParameters.Type.LINEAR, 10000.0, 2.0), 16, manager);

    assertThat(linear.inverseFrequencies().mul(2).toFloatArray())
        .containsExactly(plain.inverseFrequencies().toFloatArray());
  }

  @Test
  void cosSin_duplicateTheAnglesOverBothHalvesPerRow() {
    RotaryEmbedding rope = RotaryEmbedding.create(RopeParameters.standard(10000.0), 4, manager);
    NDArray positions = manager.create(new long[][] {{0, 1}, {5, 6}});

    NDList cs = rope.cosSin(positions);

    assertThat(cs.get(0).getShape()).isEqualTo(new Shape(2, 1, 2, 4));
    float[] cos = cs.get(0).toFloatArray();
    // Row 1, position 5: angles 5 * [1, 0.01] repeated.
    assertThat(cos[8]).isCloseTo((float) Math.cos(5), within(1e-6f));
    assertThat(cos[9]).isCloseTo((float) Math.cos(0.05), within(1e-6f));
    assertThat(cos[10]).isEqualTo(cos[8]);
    assertThat(cos[11]).isEqualTo(cos[9]);
  }

  @Test
  void apply_rotatesPairsAcrossTheHalvesAndKeepsTheirNorm() {
    RotaryEmbedding rope = RotaryEmbedding.create(RopeParameters.standard(10000.0), 4, manager);
    NDArray x = manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 1, 1, 4));
    NDList cs = rope.cosSin(manager.create(new long[][] {{3}}));

    float[] y = RotaryEmbedding.apply(x, cs.get(0), cs.get(1)).toFloatArray();

    // Pair (x0, x2) turns by angle 3: (x0 cos - x2 sin, x2 cos + x0 sin).
    assertThat(y[0]).isCloseTo((float) (1 * Math.cos(3) - 3 * Math.sin(3)), within(1e-5f));
    assertThat(y[2]).isCloseTo((float) (3 * Math.cos(3) + 1 * Math.sin(3)), within(1e-5f));
    assertThat(y[1] * y[1] + y[3] * y[3]).isCloseTo(4 + 16, within(1e-4f));
  }

  @Test
  void positionZero_isTheIdentity() {
    RotaryEmbedding rope = RotaryEmbedding.create(RopeParameters.standard(10000.0), 8, manager);
    NDArray x = manager.randomNormal(new Shape(2, 3, 1, 8));
    NDList cs = rope.cosSin(manager.zeros(new Shape(1, 1), DataType.INT64));

    assertThat(RelativeError.of(RotaryEmbedding.apply(x, cs.get(0), cs.get(1)), x)).isEqualTo(0.0);
  }
}
