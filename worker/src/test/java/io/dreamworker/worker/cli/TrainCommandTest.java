package io.dreamworker.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dreamworker.model.bundle.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
  @TempDir Path dir;

  @Test
  void trainShapes_shortRun_writesALoadableBundleTheLossLogAndTheFigures_andResumes() throws Exception {
    Path out = dir.resolve("shapes");
    MainTest.Run run = MainTest.run("train", "shapes", "--out", out.toString(), "--vae-steps", "2",
        "--caption-steps", "2", "--distill-steps", "1", "--denoise-steps", "2", "--denoise-batch", "3", "--interleaved-steps", "1",
        "--instruction-steps", "0", "--realign-steps", "1", "--creation-samples", "1", "--held-out", "4", "--seed", "3");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("stage vae              2 steps").contains("stage caption          2 steps")
        .contains("stage distill          1 steps").contains("of held-out captions decode to their scene")
        .contains("stage denoise          2 steps").contains("stage interleaved      1 steps")
        .doesNotContain("stage instructions").contains("stage realign          1 steps").contains("judge on reconstructions: all")
        .contains("captions of 4 held-out scenes").contains("1 held-out captions drawn: all")
        .contains("wrote bundle shapes (seed-3-trained-vae+vision+dream+llm+unet)");
    assertThat(run.err()).contains("vae").contains("2/2");
    assertThat(Files.readAllLines(out.resolve("training-log.jsonl"))).hasSize(9);
    assertThat(new ObjectMapper().readTree(out.resolve("training-report.json").toFile())
        .at("/settings/denoise/batchSize").asInt()).isEqualTo(3);
    try (ModelBundle bundle = ModelBundle.load(out)) {
      assertThat(bundle.unusedTensors()).isEmpty();
    }

    Path resumed = dir.resolve("resumed");
    MainTest.Run second = MainTest.run("train", "shapes", "--from", out.toString(), "--out", resumed.toString(),
        "--vae-steps", "0", "--caption-steps", "0", "--distill-steps", "0", "--denoise-steps", "0",
        "--interleaved-steps", "0", "--instruction-steps", "1", "--realign-steps", "0", "--creation-samples", "0", "--held-out", "4", "--seed", "3");
    assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
    assertThat(second.out()).contains("from " + out).contains("stage instructions     1 steps")
        .doesNotContain("stage vae").doesNotContain("binding:");
    assertThat(Files.readAllLines(resumed.resolve("training-log.jsonl"))).hasSize(1);
  }

  @Test
  void trainShapes_fromAFolderThatIsNoBundle_failsNamingIt() throws Exception {
    MainTest.Run run = MainTest.run("train", "shapes", "--from", dir.toString(), "--out", dir.resolve("o").toString(),
        "--vae-steps", "0", "--caption-steps", "0", "--denoise-steps", "0", "--interleaved-steps", "0",
        "--instruction-steps", "1", "--held-out", "4");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.out() + run.err()).contains("is not a model bundle");
  }

  @Test
  void trainShapes_aMovingAverageDecayOfOne_isRefusedBeforeAnyTraining() {
    MainTest.Run run = MainTest.run("train", "shapes", "--out", dir.resolve("o").toString(), "--realign-ema", "1");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.out() + run.err()).contains("emaDecay in [0, 1)");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void trainShapes_aNegativeCodeWeight_isRefusedBeforeAnyTraining() {
    MainTest.Run run = MainTest.run("train", "shapes", "--out", dir.resolve("o").toString(), "--code-weight", "-1");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.out() + run.err()).contains("codeWeight -1.0");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void trainShapes_negativeDistillSteps_areRefusedBeforeAnyTraining() {
    MainTest.Run run = MainTest.run("train", "shapes", "--out", dir.resolve("o").toString(), "--distill-steps", "-5");
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.out() + run.err()).contains("got steps -5");
    assertThat(dir.resolve("o")).doesNotExist();
  }
}
