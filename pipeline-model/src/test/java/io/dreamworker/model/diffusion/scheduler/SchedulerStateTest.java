package io.dreamworker.model.diffusion.scheduler;

import static io.dreamworker.model.diffusion.scheduler.TestConfigs.gaussian;
import static io.dreamworker.model.diffusion.scheduler.TestConfigs.sd21;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerStateTest {

  @Test
  void stepping_walksTheTimestepsAndFinishes() {
    Scheduler ddim = sd21("DDIMScheduler");
    try (NDManager m = NDManager.newBaseManager();
        SchedulerState state = ddim.start(m, 5, NoiseSource.none())) {
      NDArray x = gaussian(m, 1, 4, 4, 4);
      List<Integer> seen = new ArrayList<>();
      while (!state.finished()) {
        seen.add(state.timestep());
        x = state.step(x.mul(0.3f), x);
      }
      assertThat(seen).containsExactly(801, 601, 401, 201, 1);
      NDArray last = x;
      assertThatThrownBy(() -> state.step(last, last))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("all 5 steps");
      assertThatThrownBy(state::timestep).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void startAt_beginsAtThatStep() {
    InferenceSchedule s = sd21("DDIMScheduler").schedule(10);
    try (NDManager m = NDManager.newBaseManager();
        SchedulerState state = SchedulerState.startAt(s, NoiseSource.none(), m, 7)) {
      assertThat(state.stepIndex()).isEqualTo(7);
      assertThat(state.timestep()).isEqualTo(s.timestep(7));
    }
    try (NDManager m = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> SchedulerState.startAt(s, NoiseSource.none(), m, 10))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("begin index 10");
    }
  }

  @Test
  void outputOfAnotherShape_fails() {
    Scheduler ddim = sd21("DDIMScheduler");
    try (NDManager m = NDManager.newBaseManager();
        SchedulerState state = ddim.start(m, 5, NoiseSource.none())) {
      NDArray x = gaussian(m, 1, 1, 4, 4, 4);
      NDArray wrong = gaussian(m, 1, 1, 8, 4, 4);
      assertThatThrownBy(() -> state.step(wrong, x))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("differ in shape");
    }
  }

  @Test
  void dpmRequestSwitchingBetweenBatchedAndUnbatchedLatents_keepsItsTrajectory() {
    Scheduler dpm = sd21("DPMSolverMultistepScheduler");
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray init = gaussian(m, 2, 1, 4, 4, 4);
      float[] unbatched;
      try (SchedulerState state = dpm.start(m, 8, NoiseSource.none())) {
        NDArray x = init;
        for (int i = 0; i < 4; i++) {
          x = state.step(x.mul(0.3f), x);
        }
        unbatched = x.toFloatArray();
      }
      try (SchedulerState state = dpm.start(m, 8, NoiseSource.none())) {
        NDArray x = init;
        for (int i = 0; i < 4; i++) {
          // Alternate [1, C, H, W] and [C, H, W].
          x = i % 2 == 0 ? x.reshape(4, 4, 4) : x.reshape(1, 4, 4, 4);
          x = state.step(x.mul(0.3f), x);
        }
        assertThat(x.toFloatArray()).containsExactly(unbatched);
      }
    }
  }

  @Test
  void noNoiseSourceForAStepThatDrawsNoise_failsSayingWhatToDo() {
    Scheduler ddpm = sd21("DDPMScheduler");
    try (NDManager m = NDManager.newBaseManager();
        SchedulerState state = ddpm.start(m, 5, NoiseSource.none())) {
      NDArray x = gaussian(m, 1, 1, 4, 4, 4);
      assertThatThrownBy(() -> state.step(x, x))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("SeededNoise");
    }
  }
}
