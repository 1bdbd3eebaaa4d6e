package io.dreamworker.worker.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.model.bundle.ModelBundle;
import io.dreamworker.model.bundle.RandomBundles;
import io.dreamworker.model.engine.EngineConfig;
import io.dreamworker.model.engine.bench.EngineBenchmark;
import io.dreamworker.model.engine.bench.ModeReport;
import io.dreamworker.model.engine.bench.Workload;
import io.dreamworker.model.engine.scheduling.SchedulerConfig;
import io.dreamworker.model.engine.scheduling.Stage;
import io.dreamworker.model.training.LossLog;
import io.dreamworker.model.training.ShapesTraining;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dreamworker bench ...}: benchmarks that print ratios measured in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
    subcommands = {BenchCommand.Engine.class, BenchCommand.Training.class})
final class BenchCommand {

  /**
   * {@code dreamworker bench training}: what a shapes denoising step costs at several batch sizes, so
   * that a change to the training step (or to the batch) is judged by pictures per second measured in
   * one run. The weights are the seed's initial ones (no bundle is needed); the step's cost does not
   * depend on them.
   */
  @Command(name = "training", mixinStandardHelpOptions = true,
      description = "Shapes stage I denoising steps at several batch sizes: median ms per step and pictures per second.")
  static final class Training implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--steps", defaultValue = "40",
        description = "Steps per batch size; the first fifth (at least one) warms up and is not counted. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--batches", defaultValue = "8,16,32", split = ",",
        description = "Batch sizes to compare; the first is the baseline of the ratios. Default: ${DEFAULT-VALUE}.")
    List<Integer> batches;

    @Option(names = "--seed", defaultValue = "1", description = "Fixes the initial weights and the scenes. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
      if (steps < 2 || batches.isEmpty() || batches.stream().anyMatch(b -> b < 1)) {
        throw new IllegalArgumentException("bench training needs --steps >= 2 and batch sizes >= 1, got --steps "
            + steps + " and --batches " + batches);
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf("shapes denoising steps, %d per batch size, OMP_NUM_THREADS=%s%n", steps,
          System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
      out.printf("%n%6s %12s %14s %10s%n", "batch", "ms per step", "pictures/s", "vs first");
      double baseline = Double.NaN;
      for (int batch : batches) {
        double ms = medianStepMillis(batch);
        double perSecond = batch * 1000 / ms;
        if (Double.isNaN(baseline)) {
          baseline = perSecond;
        }
        out.printf(Locale.ROOT, "%6d %12.1f %14.1f %9.2fx%n", batch, ms, perSecond, perSecond / baseline);
        out.flush();
      }
      return 0;
    }

    /** The median of the counted steps' times of a run of stage I alone at {@code batch} pictures a step. */
    private double medianStepMillis(int batch) throws Exception {
      ShapesTraining.Recipe defaults = ShapesTraining.Recipe.defaults(seed);
      ShapesTraining.Recipe recipe = new ShapesTraining.Recipe(defaults.preset(), seed, defaults.vae().withSteps(0),
          defaults.caption().withSteps(0), defaults.distill().withSteps(0), defaults.denoise().withSteps(steps).withBatchSize(batch),
          defaults.interleaved().withSteps(0), defaults.instructions().withSteps(0), defaults.realign().withSteps(0),
          0, 1);
      List<Double> millis = new ArrayList<>();
      try (TemporaryDirectory dir = TemporaryDirectory.create("dreamworker-bench-training");
          LossLog log = LossLog.inMemory()) {
        log.listen(e -> millis.add(e.millis()));
        ShapesTraining.run(recipe, null, dir.path().resolve("bundle"), log);
      }
      List<Double> counted = new ArrayList<>(millis.subList(Math.max(1, steps / 5), millis.size()));
      Collections.sort(counted);
      return counted.get(counted.size() / 2);
    }
  }

  /** {@code dreamworker bench engine}: sequential vs static vs continuous batching. */
  @Command(name = "engine", mixinStandardHelpOptions = true,
      description = "One mixed workload run sequentially, with static batches and with the engine's continuous scheduling.")
  static final class Engine implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--requests", defaultValue = "96", description = "Requests in the workload. Default: ${DEFAULT-VALUE}.")
    int requests;

    @Option(names = "--preset", defaultValue = "tiny",
        description = "Random bundle sizes: tiny (per-call overhead dominates, as on a GPU at small batch) or small (compute-bound on a CPU). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--bundle", paramLabel = "DIR", description = "Benchmark this bundle instead of a random one.")
    Path bundleDir;

    @Option(names = "--seed", defaultValue = "7", description = "Fixes the bundle and the workload. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--static-batch", defaultValue = "8", description = "Requests per static batch. Default: ${DEFAULT-VALUE}.")
    int staticBatch;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON.")
    Path json;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      Path dir = bundleDir;
      if (dir == null) {
        dir = Files.createTempDirectory("dreamworker-bench");
        RandomBundles.write(dir, BundlePreset.named(preset), seed);
      }
      try (ModelBundle bundle = ModelBundle.load(dir)) {
        out.printf("bundle %s %s; %d requests (captions, text-to-image, interleaved), static batches of %d;"
                + " OMP_NUM_THREADS=%s%n", bundle.manifest().name(), bundle.manifest().version(), requests, staticBatch,
            System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        out.flush();
        var workload = Workload.mixed(requests, seed, bundle.vision().config().imageSize() * 3 / 2);
        EngineConfig config = EngineConfig.defaults().withScheduling(limits());
        List<ModeReport> reports = new EngineBenchmark(bundle, workload, staticBatch, config).run(r -> {});
        print(out, reports);
        if (json != null) {
          writeJson(json, reports);
          out.printf("wrote %s%n", json);
        }
      }
      return 0;
    }

    @Option(names = "--max-rows", defaultValue = "32",
        description = "Largest batch of the LLM and UNet stages (rows), and latent rows in flight. Default: ${DEFAULT-VALUE}.")
    int maxRows;

    @Option(names = "--max-running", defaultValue = "96",
        description = "Requests holding a KV reservation at once. Default: ${DEFAULT-VALUE}.")
    int maxRunning;

    /** Limits wide enough that the workload's concurrency, not the limits, sets the batch sizes. */
    private SchedulerConfig limits() {
      SchedulerConfig c = SchedulerConfig.defaults()
          .withMaxRunningSequences(maxRunning)
          .withMaxDiffusionRowsInFlight(maxRows)
          .withKvCacheBudgetTokens(1L << 20);
      for (Stage s : Stage.values()) {
        SchedulerConfig.StageLimits l = c.limits(s);
        c = c.withStage(s, new SchedulerConfig.StageLimits(maxRows, Math.min(l.preferredBatchRows(), maxRows),
            l.maxQueueDelay(), l.fairnessWeight()));
      }
      return c;
    }

    private static void print(PrintWriter out, List<ModeReport> reports) {
      out.printf("%n%-11s %8s %9s %9s %9s %10s %10s %10s   %s%n", "mode", "jobs/s", "tokens/s", "images/s",
          "seconds", "p50 ms", "p95 ms", "p99 ms", "mean rows per call (vision prefill decode dream diffusion vae)");
      for (ModeReport r : reports) {
        StringBuilder rows = new StringBuilder();
        for (Stage s : Stage.values()) {
          rows.append(String.format(Locale.ROOT, "%5.2f ", r.meanBatchRows().get(s)));
        }
        out.printf(Locale.ROOT, "%-11s %8.3f %9.1f %9.3f %9.1f %10.0f %10.0f %10.0f   %s%n", r.mode(), r.jobsPerSecond(),
            r.tokensPerSecond(), r.imagesPerSecond(), r.seconds(), r.p50Ms(), r.p95Ms(), r.p99Ms(), rows.toString().strip());
      }
      for (ModeReport r : reports) {
        if (!r.deviceMillis().isEmpty()) {
          StringBuilder sb = new StringBuilder();
          for (Stage s : Stage.values()) {
            sb.append(String.format(Locale.ROOT, "%s %.0f ms, ", s.name().toLowerCase(Locale.ROOT), r.deviceMillis().get(s)));
          }
          out.printf("%s time per stage: %s%n", r.mode(), sb.substring(0, sb.length() - 2));
        }
      }
      ModeReport seq = reports.get(0);
      ModeReport stat = reports.get(1);
      ModeReport cont = reports.get(2);
      out.printf(Locale.ROOT, "%ncontinuous / sequential jobs/s: %.2fx; continuous / static jobs/s: %.2fx; "
          + "p95 continuous / static: %.2f%n", cont.jobsPerSecond() / seq.jobsPerSecond(),
          cont.jobsPerSecond() / stat.jobsPerSecond(), cont.p95Ms() / stat.p95Ms());
    }

    private static void writeJson(Path file, List<ModeReport> reports) throws Exception {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode root = mapper.createObjectNode();
      for (ModeReport r : reports) {
        ObjectNode n = root.putObject(r.mode());
        n.put("jobs", r.jobs());
        n.put("seconds", r.seconds());
        n.put("jobs_per_s", r.jobsPerSecond());
        n.put("tokens_per_s", r.tokensPerSecond());
        n.put("images_per_s", r.imagesPerSecond());
        n.put("p50_ms", r.p50Ms());
        n.put("p95_ms", r.p95Ms());
        n.put("p99_ms", r.p99Ms());
        ObjectNode rows = n.putObject("mean_batch_rows");
        r.meanBatchRows().forEach((stage, v) -> rows.put(stage.name().toLowerCase(Locale.ROOT), v));
        ObjectNode device = n.putObject("stage_ms");
        r.deviceMillis().forEach((stage, v) -> device.put(stage.name().toLowerCase(Locale.ROOT), v));
      }
      mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }
  }
}
