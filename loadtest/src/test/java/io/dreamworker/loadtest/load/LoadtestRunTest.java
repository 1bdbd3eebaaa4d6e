package io.dreamworker.loadtest.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.dreamworker.loadtest.report.StepResult;
import io.dreamworker.loadtest.workload.WorkloadMix;
import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.model.bundle.RandomBundles;
import io.dreamworker.worker.stack.WorkerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load test's quick variant, as CI runs it: a worker on the embedded stack, a capacity probe and
 * two open-loop steps, the engine baseline, and the report. Nothing may be lost or doubled.
 */
class LoadtestRunTest {
  @TempDir Path dir;

  @Test
  void quickSweep_losesNothing_andWritesTheReport() throws Exception {
    Path bundle = dir.resolve("bundle");
    RandomBundles.write(bundle, BundlePreset.TINY, 11);

    Sweep.Result result = new Sweep(dir, System.out::println).run(SweepPlan.quick(WorkloadMix.small()),
        new Sweep.Where.Local(bundle, Map.of(), WorkerProcess.thisClasspath(), true));

    assertThat(result.lostOrDuplicated()).isZero();
    assertThat(result.report().steps()).hasSize(2).allSatisfy(step -> {
      assertThat(step.counts().submitted()).isPositive();
      assertThat(step.counts().completed()).isEqualTo(step.counts().submitted());
      assertThat(step.timeline()).isNotEmpty();
      assertThat(step.byKind()).isNotEmpty();
    });
    assertThat(result.report().steps()).extracting(StepResult::throughput).allSatisfy(t -> assertThat(t).isPositive());
    // The engines' batch sizes were read off the worker's /metrics.
    assertThat(result.report().steps().get(1).timeline()).anySatisfy(sample ->
        assertThat(sample.meanBatchRows()).isNotEmpty());
    assertThat(result.report().findings()).anySatisfy(f -> assertThat(f.name()).isEqualTo("service / engine throughput"));
    assertThat(result.files().markdown()).exists();
    assertThat(result.files().html()).exists();
    assertThat(result.files().results()).exists();
    assertThat(result.files().charts().values()).allSatisfy(chart -> assertThat(Files.size(chart)).isPositive());
  }
}
