package io.dreamworker.loadtest.cli;

import io.dreamworker.loadtest.chaos.ChaosPlan;
import io.dreamworker.loadtest.chaos.ChaosReport;
import io.dreamworker.loadtest.chaos.ChaosRun;
import io.dreamworker.worker.stack.WorkerProcess;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dreamworker chaos}: the exactly-once proof. A fleet of worker processes on the embedded
 * Kafka broker and S3 server works through jobs (some poison) while workers are killed, stopped,
 * added and removed; then every job's events and files are audited. Exit 0 when nothing was lost,
 * published twice or mismatched and every poison job failed as it should.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Kill, stop, add and remove worker processes while they work, then check that every job",
        "completed exactly once with the files its event reports. Defaults: the full run (2,000 jobs, 20 kills);",
        "--quick is the run CI makes."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:every job completed exactly once, with its files", "1:something was lost, doubled or mismatched",
        "2:bad options, or the stack could not start"})
final class ChaosCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--quick", description = "The short run CI makes: 150 jobs, 2 workers, 3 kills.")
  boolean quick;

  @Option(names = "--workers", description = "Workers at the start (default: 3; --quick 2).")
  Integer workers;

  @Option(names = "--jobs", description = "Well-formed jobs (default: 2000; --quick 150).")
  Integer jobs;

  @Option(names = "--kills", description = "Workers SIGKILLed at random moments and restarted (default: 20; --quick 3).")
  Integer kills;

  @Option(names = "--terminations", description = "Workers SIGTERMed and restarted (default: 3; --quick 1).")
  Integer terminations;

  @Option(names = "--scale-outs", description = "Workers added (default: 3; --quick 1).")
  Integer scaleOuts;

  @Option(names = "--scale-ins", description = "Workers removed (default: 3; --quick 1).")
  Integer scaleIns;

  @Option(names = "--poison", paramLabel = "N",
      description = "Poison jobs of each kind: crashing the worker, failing the engine, hanging (default: 1).")
  Integer poison;

  @Option(names = "--interval", paramLabel = "SECONDS",
      description = "Mean time between two disruptions (default: 3).")
  Double interval;

  @Option(names = "--seed", defaultValue = "1", description = "Fixes the jobs and the disruptions. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--compare-delivery", paramLabel = "JOBS", defaultValue = "0",
      description = "Afterwards, measure jobs/s of exactly-once against at-least-once delivery: JOBS per round"
          + " (0: skip). Default: ${DEFAULT-VALUE}.")
  int compareJobs;

  @Option(names = "--compare-rounds", defaultValue = "2",
      description = "Rounds of each delivery mode, alternating. Default: ${DEFAULT-VALUE}.")
  int compareRounds;

  @Option(names = "--bundle", paramLabel = "DIR", description = "A bundle to serve (default: a random tiny one).")
  Path bundle;

  @Option(names = "--dir", paramLabel = "DIR",
      description = "Where the stack's data and the workers' logs go (default: a new folder under target/ or /tmp).")
  Path dir;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the report as JSON.")
  Path json;

  @Override
  public Integer call() throws Exception {
    ChaosPlan plan = plan();
    if (compareJobs < 0 || compareRounds < 1) {
      throw new IllegalArgumentException("--compare-delivery must be at least 0 and --compare-rounds at least 1,"
          + " got " + compareJobs + " and " + compareRounds);
    }
    Path root = dir != null ? dir : Files.createTempDirectory("dreamworker-chaos-");
    PrintWriter out = spec.commandLine().getOut();
    out.printf("chaos: %d workers, %d jobs + %d poison, %d kills, %d terminations, %d scale-outs, %d scale-ins"
        + " (seed %d); data and logs in %s%n", plan.workers(), plan.jobs(), plan.poisonJobs(), plan.kills(),
        plan.terminations(), plan.scaleOuts(), plan.scaleIns(), plan.seed(), root);
    out.flush();
    Instant started = Instant.now();
    ChaosReport report = new ChaosRun(root, Optional.ofNullable(bundle), WorkerProcess.thisClasspath(), line -> {
      out.println(line);
      out.flush();
    }).run(plan, compareJobs, compareRounds);
    report.summary().forEach(out::println);
    out.printf("run took %d s%n", Duration.between(started, Instant.now()).toSeconds());
    if (json != null) {
      report.write(json);
      out.println("report: " + json.toAbsolutePath());
    }
    out.flush();
    return report.passed() ? 0 : Main.FOUND_PROBLEMS;
  }

  private ChaosPlan plan() {
    ChaosPlan base = quick ? ChaosPlan.quick() : ChaosPlan.full();
    ChaosPlan plan = base.withScale(or(workers, base.workers()), or(jobs, base.jobs()), or(kills, base.kills()))
        .withDisruptions(or(terminations, base.terminations()), or(scaleOuts, base.scaleOuts()),
            or(scaleIns, base.scaleIns()), interval == null ? base.meanInterval()
                : Duration.ofMillis(Math.round(interval * 1000)))
        .withSeed(seed);
    return poison == null ? plan : plan.withPoison(poison, poison, poison);
  }

  private static int or(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
