package io.dreamworker.model.diffusion.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulersTest {

  @Test
  void className_picksTheScheduler() {
    assertThat(Schedulers.fromJson("{\"_class_name\": \"DDPMScheduler\"}")).isInstanceOf(DdpmScheduler.class);
    assertThat(Schedulers.fromJson("{\"_class_name\": \"DDIMScheduler\"}")).isInstanceOf(DdimScheduler.class);
    assertThat(Schedulers.fromJson("{\"_class_name\": \"DPMSolverMultistepScheduler\"}"))
        .isInstanceOf(DpmSolverMultistepScheduler.class)
        .extracting(Scheduler::className).isEqualTo("DPMSolverMultistepScheduler");
  }

  @Test
  void unknownClassName_failsListingTheSupportedOnes() {
    assertThatThrownBy(() -> Schedulers.fromJson("{\"_class_name\": \"EulerDiscreteScheduler\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'EulerDiscreteScheduler'")
        .hasMessageContaining("DDPMScheduler, DDIMScheduler, DPMSolverMultistepScheduler");
  }

  @Test
  void invalidJson_failsSayingSo() {
    assertThatThrownBy(() -> Schedulers.fromJson("{\"_class_name\": "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void fieldOfTheWrongType_failsNamingSchedulerFieldAndValue() {
    assertThatThrownBy(() -> Schedulers.fromJson("{\"_class_name\": \"DDIMScheduler\", \"steps_offset\": \"one\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DDIMScheduler config field 'steps_offset' must be an integer, got \"one\"");
  }

  @Test
  void configFileWithPythonInfinity_loadsAndErrorsNameTheFile(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("scheduler_config.json");
    Files.writeString(good, "{\"_class_name\": \"DPMSolverMultistepScheduler\", \"lambda_min_clipped\": -Infinity,"
        + " \"beta_schedule\": \"scaled_linear\", \"beta_start\": 0.00085, \"beta_end\": 0.012}");
    assertThat(Schedulers.fromConfig(good).schedule(25).size()).isEqualTo(25);
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"_class_name\": \"DDPMScheduler\", \"beta_schedule\": \"cosine\"}");
    assertThatThrownBy(() -> Schedulers.fromConfig(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(bad.toString())
        .hasMessageContaining("beta_schedule");
  }
}
