package io.dreamworker.model.diffusion.scheduler;

import static io.dreamworker.model.diffusion.scheduler.TestConfigs.gaussian;
import static io.dreamworker.model.diffusion.scheduler.TestConfigs.sd21;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SchedulerBatchTest {

  /** The fixtures' stand-in model, per row at its own timestep. */
  private static NDArray standIn(NDArray x, int t) {
    return x.mul(0.3f).add((float) (0.1 * Math.sin(t / 100.0)));
  }

  @Test
  void mixedRowsAtDifferentSteps_matchEachRequestSteppedAlone() {
    Scheduler ddpm = sd21("DDPMScheduler", "\"clip_sample\": true", "\"clip_sample_range\": 0.5");
    DdimScheduler ddim = (DdimScheduler) sd21("DDIMScheduler", "\"prediction_type\": \"v_prediction\"");
    Scheduler dpm = sd21("DPMSolverMultistepScheduler");
    List<Function<NDManager, SchedulerState>> requests = List.of(
        m -> ddpm.start(m, 12, new SeededNoise(7)),
        m -> SchedulerState.start(ddim.schedule(15, 0.7), new SeededNoise(8), m),
        m -> dpm.start(m, 20, NoiseSource.none()),
        m -> SchedulerState.startAt(dpm.schedule(10), NoiseSource.none(), m, 4));
    int steps = 6;
    try (NDManager m = NDManager.newBaseManager()) {
      List<NDArray> init = new ArrayList<>();
      for (int r = 0; r < requests.size(); r++) {
        init.add(gaussian(m, 100 + r, 4, 8, 8));
      }
      // Each request alone, as [1, C, H, W].
      List<List<float[]>> alone = new ArrayList<>();
      for (int r = 0; r < requests.size(); r++) {
        List<float[]> trajectory = new ArrayList<>();
        try (SchedulerState state = requests.get(r).apply(m)) {
          NDArray x = init.get(r).expandDims(0);
          for (int i = 0; i < steps; i++) {
            x = state.step(standIn(x, state.timestep()), x);
            trajectory.add(x.toFloatArray());
          }
        }
        alone.add(trajectory);
      }
      // All of them as rows of one batch.
      List<SchedulerState> rows = new ArrayList<>();
      requests.forEach(request -> rows.add(request.apply(m)));
      try {
        NDArray x = NDArrays.stack(new NDList(init));
        for (int i = 0; i < steps; i++) {
          NDList outputs = new NDList();
          for (int r = 0; r < rows.size(); r++) {
            outputs.add(standIn(x.get(r), rows.get(r).timestep()));
          }
          x = SchedulerBatch.step(rows, NDArrays.stack(outputs), x);
          for (int r = 0; r < rows.size(); r++) {
            float[] expected = alone.get(r).get(i);
            float[] actual = x.get(r).toFloatArray();
            for (int k = 0; k < expected.length; k++) {
              assertThat(actual[k]).as("row %d step %d element %d", r, i, k)
                  .isCloseTo(expected[k], within(1e-6f * (1 + Math.abs(expected[k]))));
            }
          }
        }
        assertThat(rows.get(3).stepIndex()).isEqualTo(4 + steps);
      } finally {
        rows.forEach(SchedulerState::close);
      }
    }
  }

  @Test
  void sameRequestTwice_fails() {
    Scheduler ddim = sd21("DDIMScheduler");
    try (NDManager m = NDManager.newBaseManager();
        SchedulerState state = ddim.start(m, 10, NoiseSource.none())) {
      NDArray x = gaussian(m, 1, 2, 4, 4, 4);
      assertThatThrownBy(() -> SchedulerBatch.step(List.of(state, state), x, x))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("appears twice");
    }
  }

  @Test
  void batchSizeOtherThanTheRowCount_fails() {
    Scheduler ddim = sd21("DDIMScheduler");
    try (NDManager m = NDManager.newBaseManager();
        SchedulerState state = ddim.start(m, 10, NoiseSource.none())) {
      NDArray x = gaussian(m, 1, 2, 4, 4, 4);
      assertThatThrownBy(() -> SchedulerBatch.step(List.of(state), x, x))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("a batch of 1 requests needs latents [1, ...]");
    }
  }

  @Test
  void finishedRow_fails() {
    Scheduler ddim = sd21("DDIMScheduler");
    try (NDManager m = NDManager.newBaseManager();
        SchedulerState state = ddim.start(m, 1, NoiseSource.none())) {
      NDArray x = gaussian(m, 1, 1, 4, 4, 4);
      SchedulerBatch.step(List.of(state), x, x);
      assertThatThrownBy(() -> SchedulerBatch.step(List.of(state), x, x))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("all 1 steps");
    }
  }
}
