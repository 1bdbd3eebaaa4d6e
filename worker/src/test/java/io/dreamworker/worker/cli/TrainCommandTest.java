package io.dreamworker.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dreamworker.model.bundle.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
  @TempDir Path dir;

  @Test
  void trainShapes_shortRun_writesALoadableBundleTheLossLogAndTheFigures() throws Exception {
    Path out = dir.resolve("shapes");
    MainTest.Run run = MainTest.run("train", "shapes", "--out", out.toString(), "--vae-steps", "2",
        "--caption-steps", "2", "--denoise-steps", "2", "--creation-samples", "1", "--held-out", "4", "--seed", "3");
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("stage 0 vae: 2 steps").contains("judge on reconstructions: all")
        .contains("stage I captioning: 2 steps").contains("caption attributes: all")
        .contains("stage I denoising: 2 steps").contains("creation attributes: all")
        .contains("wrote bundle shapes (seed-3-trained-vae+vision+dream+llm+unet)");
    assertThat(run.err()).contains("vae").contains("2/2");
    assertThat(Files.readAllLines(out.resolve("training-log.jsonl"))).hasSize(6);
    try (ModelBundle bundle = ModelBundle.load(out)) {
      assertThat(bundle.unusedTensors()).isEmpty();
    }
  }
}
