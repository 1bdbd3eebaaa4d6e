package io.dreamworker.loadtest.cli;

import io.dreamworker.loadtest.load.SeriesSpec;
import io.dreamworker.loadtest.load.Sweep;
import io.dreamworker.loadtest.load.SweepPlan;
import io.dreamworker.loadtest.report.Finding;
import io.dreamworker.loadtest.report.LoadMode;
import io.dreamworker.loadtest.workload.WorkloadMix;
import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.model.bundle.RandomBundles;
import io.dreamworker.worker.stack.WorkerProcess;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dreamworker loadtest}: how much a worker fleet sustains and at what latency. By default a
 * short sweep on this machine (the embedded stack, the shapes bundle, one worker continuous and
 * sequential, two workers continuous); with {@code --bootstrap-servers}, against any cluster whose
 * workers are running. Writes {@code report.md}, {@code report.html}, {@code results.json} and the
 * charts. Exit 0 when no measured job was lost or completed twice.
 */
@Command(name = "loadtest", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Offer rising load to a worker fleet and report throughput against latency, per job kind and",
        "worker count, with charts. Default: a sweep of a few minutes on this machine with the shapes bundle."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:the report is written and no job was lost or doubled", "1:jobs were lost or doubled",
        "2:bad options, or the stack could not start"})
final class LoadtestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--quick", description = "The CI check: a random tiny bundle, one worker, two short steps.")
  boolean quick;

  @Option(names = "--bundle", paramLabel = "DIR", description = "The bundle the local workers serve (default: the"
      + " shapes bundle; --quick: a random tiny one).")
  Path bundle;

  @Option(names = "--series", split = ",", paramLabel = "WORKERS:MODE",
      description = "The curves, such as 1:continuous,1:sequential,2:continuous (the default).")
  List<String> series;

  @Option(names = "--mode", defaultValue = "open", description = "open (Poisson arrivals at a rate) or closed"
      + " (a fixed number in flight). Default: ${DEFAULT-VALUE}.")
  String mode;

  @Option(names = "--loads", split = ",", paramLabel = "X",
      description = "Each step's load as a fraction of the series' probed capacity (default 0.4,0.8,1.1, and"
          + " further while a series keeps up).")
  List<Double> loads;

  @Option(names = "--absolute", description = "--loads are jobs/s (open) or jobs in flight (closed), not fractions.")
  boolean absolute;

  @Option(names = "--warmup", paramLabel = "SECONDS", description = "Each step's warm-up (default 4).")
  Integer warmup;

  @Option(names = "--measure", paramLabel = "SECONDS", description = "Each step's measurement window (default 20).")
  Integer measure;

  @Option(names = "--latency-bound", paramLabel = "SECONDS", description = "A series stops past this p95 (default 30).")
  Integer latencyBound;

  @Option(names = "--seed", defaultValue = "1", description = "Fixes the jobs and the arrivals. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--no-baseline", description = "Skip the engine's own throughput on the same jobs.")
  boolean noBaseline;

  @Option(names = "--bulk-jobs", paramLabel = "N", description = "Jobs of each continuous series' bulk run and of"
      + " the engine baseline (default 160; --quick 40; 0 skips both).")
  Integer bulkJobs;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "loadtest-out",
      description = "Where the report (and the stack's data and logs) go. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      description = "A cluster whose workers are running: load it instead of starting a fleet here.")
  String bootstrapServers;

  @Option(names = "--property", paramLabel = "KEY=VALUE",
      description = "A client property for that cluster (security.protocol, sasl.*); repeatable.")
  Map<String, String> properties = Map.of();

  @Option(names = "--jobs-topic", defaultValue = "dreamworker.jobs", description = "Default: ${DEFAULT-VALUE}.")
  String jobsTopic;

  @Option(names = "--events-topic", defaultValue = "dreamworker.events", description = "Default: ${DEFAULT-VALUE}.")
  String eventsTopic;

  @Option(names = "--group", defaultValue = "dreamworker", description = "The workers' group, for its lag."
      + " Default: ${DEFAULT-VALUE}.")
  String group;

  @Option(names = "--workers", defaultValue = "1", description = "How many workers serve that cluster, for the"
      + " report. Default: ${DEFAULT-VALUE}.")
  int workers;

  @Override
  public Integer call() throws Exception {
    WorkloadMix mix = quick ? WorkloadMix.small() : WorkloadMix.shapes();
    SweepPlan plan = plan(mix);
    Files.createDirectories(out);
    PrintWriter console = spec.commandLine().getOut();
    Sweep.Where where = bootstrapServers != null
        ? new Sweep.Where.Cluster(bootstrapServers, properties, jobsTopic, eventsTopic, group, workers)
        : new Sweep.Where.Local(bundle(), Map.of(), WorkerProcess.thisClasspath(), !noBaseline);
    Instant started = Instant.now();
    Sweep.Result result = new Sweep(out, line -> {
      console.println(line);
      console.flush();
    }).run(plan, where);
    console.println();
    for (Finding finding : result.report().findings()) {
      console.println(finding.name() + ": " + finding.value()
          + finding.target().map(t -> " (target " + t.text() + (t.met() ? ", met)" : ", NOT met)")).orElse(""));
    }
    console.printf("report: %s (%d s)%n", result.files().markdown().toAbsolutePath(),
        Duration.between(started, Instant.now()).toSeconds());
    console.flush();
    return result.lostOrDuplicated() == 0 ? 0 : Main.FOUND_PROBLEMS;
  }

  private SweepPlan plan(WorkloadMix mix) {
    SweepPlan plan = quick ? SweepPlan.quick(mix) : SweepPlan.standard(mix);
    if (series != null) {
      plan = plan.withSeries(series.stream().map(SeriesSpec::parse).toList());
    }
    LoadMode loadMode = switch (mode) {
      case "open" -> LoadMode.OPEN_LOOP;
      case "closed" -> LoadMode.CLOSED_LOOP;
      default -> throw new IllegalArgumentException("--mode must be open or closed, got " + mode);
    };
    plan = plan.withLoads(loadMode, loads != null ? loads : plan.loads(), absolute);
    if (warmup != null || measure != null) {
      plan = plan.withWindows(warmup != null ? Duration.ofSeconds(warmup) : plan.warmup(),
          measure != null ? Duration.ofSeconds(measure) : plan.measure());
    }
    if (bulkJobs != null) {
      if (bulkJobs < 0) {
        throw new IllegalArgumentException("--bulk-jobs must be at least 0, got " + bulkJobs);
      }
      plan = plan.withBulkJobs(bulkJobs);
    }
    if (latencyBound != null) {
      plan = plan.withLatencyBound(Duration.ofSeconds(latencyBound));
    }
    return plan.withSeed(seed);
  }

  private Path bundle() throws java.io.IOException {
    if (bundle != null) {
      return bundle;
    }
    if (quick) {
      Path random = out.resolve("bundle");
      if (!Files.exists(random.resolve("bundle.json"))) {
        RandomBundles.write(random, BundlePreset.TINY, 11);
      }
      return random;
    }
    String shapes = System.getProperty("dreamworker.shapes.bundle");
    if (shapes == null) {
      throw new IllegalArgumentException("no bundle: give --bundle DIR (the launcher passes the shapes bundle)");
    }
    return Path.of(shapes);
  }
}
