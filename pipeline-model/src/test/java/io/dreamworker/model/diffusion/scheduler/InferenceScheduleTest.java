package io.dreamworker.model.diffusion.scheduler;

import static io.dreamworker.model.diffusion.scheduler.TestConfigs.sd21;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InferenceScheduleTest {

  @Test
  void timesteps_areACopy() {
    InferenceSchedule s = sd21("DDIMScheduler").schedule(4);
    s.timesteps()[0] = -7;
    assertThat(s.timestep(0)).isEqualTo(751);
    assertThat(s.size()).isEqualTo(4);
  }

  @Test
  void history_isCappedAtTheSolverOrder() {
    InferenceSchedule s = sd21("DPMSolverMultistepScheduler").schedule(20);
    assertThat(s.coefficients(5, 99)).isEqualTo(s.coefficients(5, 2));
    assertThat(sd21("DDPMScheduler").schedule(20).maxHistory()).isZero();
  }

  @Test
  void stepIndexOutsideTheSchedule_fails() {
    InferenceSchedule s = sd21("DDPMScheduler").schedule(4);
    assertThatThrownBy(() -> s.coefficients(4, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("step index 4 is outside this 4-step schedule");
  }

  @Test
  void eachStepsCoefficients_carryItsTimestep() {
    InferenceSchedule s = sd21("DDPMScheduler").schedule(12);
    for (int i = 0; i < s.size(); i++) {
      assertThat(s.coefficients(i, 0).timestep()).isEqualTo(s.timestep(i));
    }
    assertThat(s.scheduler()).isInstanceOf(DdpmScheduler.class);
  }
}
