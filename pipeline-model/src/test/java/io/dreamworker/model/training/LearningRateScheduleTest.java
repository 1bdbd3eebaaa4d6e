package io.dreamworker.model.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

  private final LearningRateSchedule schedule = new LearningRateSchedule(1f, 10, 110, 0.1f);

  @Test
  void warmUp_risesLinearlyToThePeak() {
    assertThat(schedule.at(1)).isCloseTo(0.1f, Offset.offset(1e-6f));
    assertThat(schedule.at(5)).isCloseTo(0.5f, Offset.offset(1e-6f));
    assertThat(schedule.at(10)).isCloseTo(1f, Offset.offset(1e-6f));
  }

  @Test
  void decay_isCosineToTheFloorAndStaysThere() {
    assertThat(schedule.at(60)).isCloseTo(0.55f, Offset.offset(1e-6f));
    assertThat(schedule.at(110)).isCloseTo(0.1f, Offset.offset(1e-6f));
    assertThat(schedule.at(500)).isCloseTo(0.1f, Offset.offset(1e-6f));
  }

  @Test
  void warmUpLongerThanTheRun_isRefusedNamingTheValues() {
    assertThatThrownBy(() -> new LearningRateSchedule(1f, 20, 10, 0f))
        .hasMessageContaining("warmupSteps 20").hasMessageContaining("totalSteps 10");
  }
}
