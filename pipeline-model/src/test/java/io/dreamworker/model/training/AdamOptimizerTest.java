package io.dreamworker.model.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.dreamworker.model.nn.Linear;
import io.dreamworker.model.weights.Weights;
import org.junit.jupiter.api.Test;

class AdamOptimizerTest {

  @Test
  void leastSquares_lossFallsByOrdersOfMagnitude() {
    try (NDManager m = NDManager.newBaseManager()) {
      TrainableParameters p = TrainableParameters.initialise(m, 1, w -> Linear.load(w, "proj", 4, 2, true));
      Linear linear = Linear.load(Weights.of(p, m), "proj", 4, 2, true);
      NDArray x = m.create(new float[] {1, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0}, new ai.djl.ndarray.types.Shape(3, 4));
      NDArray y = m.create(new float[] {1, -1, 0.5f, 2, -1, 0}, new ai.djl.ndarray.types.Shape(3, 2));
      AdamOptimizer adam = new AdamOptimizer(new LearningRateSchedule(0.05f, 5, 300, 0.1f), 0, p);
      float first = loss(linear, x, y);
      float last = first;
      for (int i = 0; i < 300; i++) {
        last = loss(linear, x, y);
        adam.step();
      }
      assertThat(last).isLessThan(first / 100);
      assertThat(adam.steps()).isEqualTo(300);
    }
  }

  @Test
  void step_zeroesTheGradients_soTheNextPassDoesNotAccumulate() {
    try (NDManager m = NDManager.newBaseManager()) {
      TrainableParameters p = TrainableParameters.initialise(m, 2, w -> Linear.load(w, "proj", 2, 1, false));
      Linear linear = Linear.load(Weights.of(p, m), "proj", 2, 1, false);
      NDArray x = m.create(new float[] {1, 2}, new ai.djl.ndarray.types.Shape(1, 2));
      NDArray y = m.create(new float[] {0}, new ai.djl.ndarray.types.Shape(1, 1));
      AdamOptimizer adam = new AdamOptimizer(new LearningRateSchedule(1e-9f, 1, 2, 1f), 0, p);
      loss(linear, x, y);
      float firstNorm = adam.step();
      loss(linear, x, y);
      float secondNorm = adam.step();
      assertThat(secondNorm).isCloseTo(firstNorm, org.assertj.core.data.Percentage.withPercentage(0.01));
    }
  }

  @Test
  void steps_leaveNoArraysBehindInTheParametersManager() {
    try (NDManager m = NDManager.newBaseManager()) {
      TrainableParameters p = TrainableParameters.initialise(m, 3, w -> Linear.load(w, "proj", 4, 2, true));
      Linear linear = Linear.load(Weights.of(p, m), "proj", 4, 2, true);
      AdamOptimizer adam = new AdamOptimizer(new LearningRateSchedule(0.01f, 1, 50, 0.1f), 1f, p);
      stepOnce(linear, adam, m);
      stepOnce(linear, adam, m);
      int afterWarmUp = m.getManagedArrays().size();
      for (int i = 0; i < 20; i++) {
        stepOnce(linear, adam, m);
      }
      assertThat(m.getManagedArrays()).as("arrays left in the run-long manager after 20 more steps")
          .hasSize(afterWarmUp);
    }
  }

  @Test
  void step_returnsTheGlobalNormOfEveryTensorsGradient() {
    try (NDManager m = NDManager.newBaseManager()) {
      TrainableParameters p = TrainableParameters.initialise(m, 4, w -> Linear.load(w, "proj", 3, 2, true));
      Linear linear = Linear.load(Weights.of(p, m), "proj", 3, 2, true);
      AdamOptimizer adam = new AdamOptimizer(new LearningRateSchedule(1e-9f, 1, 2, 1f), 0, p);
      NDArray x = m.create(new float[] {1, -2, 3, 0.5f, 1, -1}, new ai.djl.ndarray.types.Shape(2, 3));
      NDArray y = m.create(new float[] {4, -3, 2, 1}, new ai.djl.ndarray.types.Shape(2, 2));
      loss(linear, x, y);
      double squares = 0;
      for (NDArray a : p.arrays().values()) {
        for (float g : a.getGradient().toFloatArray()) {
          squares += (double) g * g;
        }
      }
      assertThat(squares).isPositive();
      assertThat((double) adam.step()).isCloseTo(Math.sqrt(squares), org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  @Test
  void step_withANonFiniteGradient_failsNamingTheTensor_andLeavesTheWeights() {
    try (NDManager m = NDManager.newBaseManager()) {
      TrainableParameters p = TrainableParameters.initialise(m, 5, w -> Linear.load(w, "proj", 2, 1, true));
      Linear linear = Linear.load(Weights.of(p, m), "proj", 2, 1, true);
      AdamOptimizer adam = new AdamOptimizer(new LearningRateSchedule(0.1f, 1, 2, 1f), 1f, p);
      float[] before = p.arrays().get("proj.weight").toFloatArray();
      loss(linear, m.create(new float[] {Float.POSITIVE_INFINITY, 1}, new ai.djl.ndarray.types.Shape(1, 2)),
          m.create(new float[] {0}, new ai.djl.ndarray.types.Shape(1, 1)));
      org.assertj.core.api.Assertions.assertThatThrownBy(adam::step)
          .isInstanceOf(TrainingDivergedException.class)
          .hasMessageContaining("proj.weight").hasMessageContaining("at step 1");
      assertThat(p.arrays().get("proj.weight").toFloatArray()).isEqualTo(before);
    }
  }

  /** A pass whose activations live in a per-step manager, as the training stages' do, then a step. */
  private static void stepOnce(Linear linear, AdamOptimizer adam, NDManager m) {
    try (NDManager step = m.newSubManager()) {
      NDArray x = step.create(new float[] {1, 0, 0, 1, 0, 1, 1, 0}, new ai.djl.ndarray.types.Shape(2, 4));
      NDArray y = step.create(new float[] {1, -1, 0.5f, 2}, new ai.djl.ndarray.types.Shape(2, 2));
      loss(linear, x, y);
      adam.step();
    }
  }

  private static float loss(Linear linear, NDArray x, NDArray y) {
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray loss = linear.apply(x).sub(y).square().mean();
      collector.backward(loss);
      return loss.getFloat();
    }
  }
}
