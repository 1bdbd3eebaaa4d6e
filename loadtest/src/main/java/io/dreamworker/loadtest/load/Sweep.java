package io.dreamworker.loadtest.load;

import io.dreamworker.loadtest.fleet.LocalStack;
import io.dreamworker.loadtest.report.Finding;
import io.dreamworker.loadtest.report.LoadReport;
import io.dreamworker.loadtest.report.Machine;
import io.dreamworker.loadtest.report.ReportFiles;
import io.dreamworker.loadtest.report.ReportWriter;
import io.dreamworker.loadtest.report.RunInfo;
import io.dreamworker.loadtest.report.Series;
import io.dreamworker.loadtest.report.StepResult;
import io.dreamworker.model.bundle.BundleManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * A load-test sweep, end to end: each series on its own fleet (this machine's embedded stack and
 * worker processes) or on a given cluster, the engine baseline, the findings, and the report.
 */
public final class Sweep {
  /** The workers' JVM: a heap for a small bundle and the full JIT, since the run is measured. */
  static final List<String> WORKER_JVM = List.of("-Xmx1g", "-XX:+UseSerialGC");

  /** Where the jobs go: this machine's fleet, or a cluster that serves them. */
  public sealed interface Where {
    /**
     * The embedded stack and worker processes, started here.
     *
     * @param workerSettings the workers' other settings ({@code DREAMWORKER_*})
     */
    record Local(Path bundle, Map<String, String> workerSettings, List<Path> classpath, boolean baseline)
        implements Where {}

    /** A cluster whose workers are already running. */
    record Cluster(String bootstrapServers, Map<String, String> properties, String jobsTopic, String eventsTopic,
        String group, int workers) implements Where {}
  }

  private final Path dir;
  private final Consumer<String> progress;

  /**
   * @param dir where the report, the stack's data and the workers' logs go
   * @param progress told what happens, a line at a time
   */
  public Sweep(Path dir, Consumer<String> progress) {
    this.dir = dir;
    this.progress = progress;
  }

  /** Runs the sweep and writes its report into {@code dir/report}. */
  public Result run(SweepPlan plan, Where where) throws IOException, InterruptedException {
    Instant started = Instant.now();
    List<StepResult> steps = new ArrayList<>();
    Map<String, Double> bulk = new LinkedHashMap<>();
    OptionalDouble baseline = OptionalDouble.empty();
    String bundleName = "as deployed";
    String bundleVersion = "-";
    switch (where) {
      case Where.Local local -> {
        BundleManifest manifest = BundleManifest.read(local.bundle());
        bundleName = manifest.name();
        bundleVersion = manifest.version();
        progress.accept("starting Kafka and S3 on 127.0.0.1 under " + dir.resolve("stack"));
        try (LocalStack stack = LocalStack.start(dir.resolve("stack"))) {
          for (SeriesSpec spec : plan.series()) {
            progress.accept("series " + spec.label() + ": starting its workers");
            try (FleetTarget target = FleetTarget.start(stack, "load-" + spec.slug(), local.bundle(), spec.workers(),
                spec.engineMode(), local.workerSettings(), WORKER_JVM, local.classpath(), dir.resolve("logs"))) {
              // The bulk run measures capacity for the findings, which compare continuous series.
              int bulkJobs = spec.engineMode().equals("continuous") && plan.bulkJobs() > 0 ? plan.bulkJobs() : 0;
              SeriesRunner.Outcome outcome = new SeriesRunner(target, spec, plan, spec.slug(), progress).run(bulkJobs);
              steps.addAll(outcome.steps());
              outcome.bulkThroughput().ifPresent(t -> bulk.put(spec.label(), t));
            }
          }
        }
        if (local.baseline() && plan.bulkJobs() > 0) {
          progress.accept("engine baseline: the bulk run's " + plan.bulkJobs() + " jobs in one JVM, no Kafka or S3");
          baseline = OptionalDouble.of(EngineBaseline.measure(local.bundle(), plan.mix(), plan.bulkJobs(), plan.seed(),
              local.classpath(), dir.resolve("logs").resolve("engine-baseline.log")));
          progress.accept(String.format(Locale.ROOT, "engine baseline: %.2f jobs/s", baseline.getAsDouble()));
        }
      }
      case Where.Cluster cluster -> {
        SeriesSpec spec = new SeriesSpec(cluster.workers(), "continuous");
        try (ClusterTarget target = new ClusterTarget(cluster.bootstrapServers(), cluster.properties(),
            cluster.jobsTopic(), cluster.eventsTopic(), cluster.group(), cluster.workers())) {
          steps.addAll(new SeriesRunner(target, spec, plan, "load-" + started.toEpochMilli(), progress).run(0).steps());
        }
      }
    }
    List<Series> series = new LoadReport(runInfo(plan, where, started, bundleName, bundleVersion), steps, List.of())
        .series();
    List<Finding> findings = Findings.of(series, bulk, baseline);
    LoadReport report = new LoadReport(runInfo(plan, where, started, bundleName, bundleVersion), steps, findings);
    ReportFiles files = ReportWriter.withDefaults().write(report, dir.resolve("report"));
    return new Result(report, files);
  }

  /** The sweep's report, and where it was written. */
  public record Result(LoadReport report, ReportFiles files) {
    /** Measured jobs lost or completed twice, over every step. */
    public long lostOrDuplicated() {
      return report.steps().stream().mapToLong(s -> s.counts().lost() + s.counts().duplicated()).sum();
    }
  }

  private static RunInfo runInfo(SweepPlan plan, Where where, Instant started, String bundle, String version) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("where", switch (where) {
      case Where.Local local -> "this machine: embedded Kafka and S3, worker processes of one libtorch thread each";
      case Where.Cluster cluster -> cluster.bootstrapServers() + ", topic " + cluster.jobsTopic();
    });
    settings.put("load", plan.loadMode().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ", "
        + (plan.absoluteLoads() ? "loads " + plan.loads() : "loads " + plan.loads() + " of each series' probed capacity"));
    settings.put("windows", "warm-up " + plan.warmup().toSeconds() + " s, measured " + plan.measure().toSeconds()
        + " s, drain up to " + plan.drainTimeout().toSeconds() + " s");
    settings.put("stop", "p95 over " + plan.latencyBound().toSeconds() + " s, more than "
        + Math.round(SweepPlan.MAX_ERROR_FRACTION * 100) + "% errors, or below "
        + Math.round(SweepPlan.SATURATED_FRACTION * 100) + "% of the offered rate");
    settings.put("job deadline", plan.jobDeadline().toSeconds() + " s");
    settings.put("workload", plan.mix().describe());
    return new RunInfo("dreamworker load test: " + bundle + ", " + plan.series().stream().map(SeriesSpec::label)
        .reduce((a, b) -> a + "; " + b).orElse(""), started, Machine.current(), bundle, version, plan.seed(), settings);
  }
}
