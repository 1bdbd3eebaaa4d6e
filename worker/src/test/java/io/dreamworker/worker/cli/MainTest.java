package io.dreamworker.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void bundleRandomThenInspect_listsEveryComponentWithItsParameters() {
    Path bundle = dir.resolve("b");
    Run written = run("bundle", "random", bundle.toString(), "--seed", "3");
    assertThat(written.exitCode()).isZero();
    assertThat(written.out()).contains("wrote bundle random-tiny (seed-3)");

    Run inspected = run("bundle", "inspect", bundle.toString());
    assertThat(inspected.exitCode()).isZero();
    assertThat(inspected.out())
        .contains("bundle random-tiny, version seed-3")
        .contains("vision", "clip_vision_model", "llm", "llama_causal_lm", "dream", "unet", "vae", "scheduler")
        .contains("total")
        .doesNotContain("missing components")
        .doesNotContain("under no component's prefix");
  }

  @Test
  void selfcheck_onAGivenBundleWithFixtures_runsEveryComponentAndPasses() {
    Path bundle = dir.resolve("b");
    assertThat(run("bundle", "random", bundle.toString()).exitCode()).isZero();
    Run check = run("selfcheck", "--bundle", bundle.toString(), "--runs", "1",
        "--fixtures", io.dreamworker.model.conformance.Fixtures.root().toString());
    assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
    assertThat(check.out())
        .contains("vision tower", "llm prefill", "llm decode step", "unet step", "vae decode",
            "text-to-image", "caption")
        .contains("conformance: 9 of 9 cases passed")
        .contains("selfcheck passed");
  }

  @Test
  void inspectOfADirectoryThatIsNoBundle_failsWithExitCode2AndOneLine() throws Exception {
    Files.createDirectories(dir.resolve("empty"));
    Run r = run("bundle", "inspect", dir.resolve("empty").toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("dreamworker bundle inspect: ").contains("is not a model bundle");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void unknownPreset_isAUsageError() {
    Run r = run("bundle", "random", dir.resolve("x").toString(), "--preset", "huge");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown bundle preset 'huge' (presets: [tiny, small, shapes])");
  }

  @Test
  void benchEngine_writesTheThreeModesAsJson() throws Exception {
    Path json = dir.resolve("bench.json");
    Run r = run("bench", "engine", "--requests", "4", "--preset", "tiny", "--json", json.toString());
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("sequential", "static", "continuous", "continuous / sequential jobs/s");
    var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile());
    for (String mode : java.util.List.of("sequential", "static", "continuous")) {
      for (String key : java.util.List.of("jobs_per_s", "p50_ms", "p95_ms", "p99_ms")) {
        assertThat(root.path(mode).path(key).asDouble()).as(mode + "." + key).isPositive();
      }
    }
  }

  @Test
  void benchTraining_printsEachBatchSizesStepCostAndItsRatioToTheFirst() {
    Run r = run("bench", "training", "--steps", "3", "--batches", "1,2");
    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("ms per step", "pictures/s")
        .containsPattern("(?m)^ +1 +\\d+\\.\\d +\\d+\\.\\d +1\\.00x$")
        .containsPattern("(?m)^ +2 +\\d+\\.\\d +\\d+\\.\\d +\\d+\\.\\d\\dx$");
  }

  @Test
  void benchTraining_refusesASingleStep() {
    Run r = run("bench", "training", "--steps", "1");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.out() + r.err()).contains("--steps >= 2");
  }

  @Test
  void help_listsTheSubcommands() {
    Run r = run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("selfcheck", "bundle", "bench");
  }
}
