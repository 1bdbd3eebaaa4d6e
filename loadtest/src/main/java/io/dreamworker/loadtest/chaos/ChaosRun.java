package io.dreamworker.loadtest.chaos;

import io.dreamworker.loadtest.audit.AuditResult;
import io.dreamworker.loadtest.audit.EventLedger;
import io.dreamworker.loadtest.audit.OutputAudit;
import io.dreamworker.loadtest.audit.TopicSnapshot;
import io.dreamworker.loadtest.fleet.GroupWatcher;
import io.dreamworker.loadtest.fleet.LocalStack;
import io.dreamworker.loadtest.fleet.Topics;
import io.dreamworker.loadtest.fleet.WorkerFleet;
import io.dreamworker.loadtest.workload.JobSpec;
import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.model.bundle.RandomBundles;
import io.dreamworker.schemas.CompletionEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The chaos harness: on the embedded stack, a fleet of worker processes in one consumer group
 * works through a stream of jobs (some of them poison) while workers are killed, stopped, added and
 * removed at random moments; then every job's completion events (as {@code read_committed} readers
 * see them) and files are audited ({@link OutputAudit}).
 *
 * <p>The bundle is a random tiny one (fast, so that the jobs are many), unless one is given.
 */
public final class ChaosRun {
  /**
   * Jobs a worker takes at once: enough that a kill lands in the middle of a batch, few enough
   * that jobs do not queue in one worker's engine while another's is idle.
   */
  static final int MAX_IN_FLIGHT = 6;
  /** The random bundle's seed. */
  private static final long BUNDLE_SEED = 11;
  /** Error codes the poison jobs' faults end in. */
  private static final Map<String, String> POISON_CODES = Map.of(
      "crash", "WORKERS_LOST", "engine_failure", "ENGINE_FAILED", "hang", "TIMED_OUT");
  /**
   * The code of any job whose attempts were used up by workers that died running it: the harness's
   * own kills do that to a poison job too, when they land on its attempts.
   */
  private static final String WORKERS_LOST = "WORKERS_LOST";

  private final Path dir;
  private final Optional<Path> bundle;
  private final List<Path> classpath;
  private final Consumer<String> journal;

  /**
   * @param dir where the stack's data, the workers' logs and the bundle go
   * @param bundle a bundle to serve; empty makes a random tiny one
   * @param classpath the jars the workers run from
   * @param journal told what happens, a line at a time
   */
  public ChaosRun(Path dir, Optional<Path> bundle, List<Path> classpath, Consumer<String> journal) {
    this.dir = dir;
    this.bundle = bundle;
    this.classpath = List.copyOf(classpath);
    this.journal = journal;
  }

  /** The workers' settings for a run whose jobs get {@code maxAttempts} of {@code attemptTimeout}. */
  static Map<String, String> workerSettings(int maxAttempts, Duration attemptTimeout) {
    Map<String, String> settings = new HashMap<>();
    settings.put("DREAMWORKER_KAFKA_MAX_IN_FLIGHT", Integer.toString(MAX_IN_FLIGHT));
    settings.put("DREAMWORKER_JOBS_MAX_ATTEMPTS", Integer.toString(maxAttempts));
    settings.put("DREAMWORKER_JOBS_ATTEMPT_TIMEOUT", attemptTimeout.toMillis() + "ms");
    settings.put("DREAMWORKER_TESTING_FAULT_INJECTION", "true");
    // A killed worker's open transaction holds readers and the next owner up this long at most.
    settings.put("DREAMWORKER_KAFKA_TRANSACTION_TIMEOUT", "5s");
    settings.put("DREAMWORKER_SHUTDOWN_DRAIN_TIMEOUT", "20s");
    settings.put("DREAMWORKER_SHUTDOWN_CANCEL_TIMEOUT", "3s");
    return settings;
  }

  /**
   * Runs {@code plan}, and then, with {@code compareJobs} above 0, the delivery comparison: that many
   * jobs through {@code plan.workers()} workers per round, {@code compareRounds} rounds of each mode.
   */
  public ChaosReport run(ChaosPlan plan, int compareJobs, int compareRounds) throws InterruptedException {
    Path bundleDir = bundle.orElse(dir.resolve("bundle"));
    CompletableFuture<?> bundleReady = bundle.isPresent() ? CompletableFuture.completedFuture(null)
        : CompletableFuture.runAsync(() -> writeRandomBundle(bundleDir));
    journal.accept("starting Kafka and S3 on 127.0.0.1 under " + dir.resolve("stack"));
    try (LocalStack stack = LocalStack.start(dir.resolve("stack"))) {
      bundleReady.join();
      Topics topics = stack.create(Topics.named("chaos", plan.jobsPartitions()));
      List<JobSpec> jobs = jobs(plan);
      Set<String> ids = jobs.stream().map(JobSpec::jobId).collect(Collectors.toSet());
      Random random = new Random(plan.seed());
      String bootstrap = stack.addresses().kafkaBootstrapServers();

      ChaosMonkey.Counts counts;
      int rebalances;
      Instant firstSend;
      Instant lastEvent;
      Map<String, List<EventLedger.Arrival>> events;
      long hidden;
      try (WorkerFleet fleet = new WorkerFleet(stack, bundleDir, topics,
               workerSettings(plan.maxAttempts(), plan.attemptTimeout()), WorkerFleet.defaultJvmOptions(),
               classpath, dir.resolve("logs"));
           GroupWatcher group = GroupWatcher.start(stack.admin(), topics.group());
           EventLedger committed = EventLedger.start(bootstrap, topics.events());
           EventLedger uncommitted = EventLedger.start(bootstrap, topics.events(), false, arrival -> {})) {
        ChaosMonkey monkey = new ChaosMonkey(fleet, plan, random, line -> journal.accept("  " + line));
        journal.accept("starting " + plan.workers() + " workers; sending " + jobs.size() + " jobs ("
            + plan.poisonJobs() + " poison) while making " + plan.disruptions() + " disruptions");
        monkey.startFleet();
        firstSend = Instant.now();
        Thread feeder = feed(stack, topics, jobs, feedDuration(plan));
        counts = monkey.run();
        feeder.join();
        journal.accept("disruptions done; waiting for every job's event (" + committed.countDone(ids) + " of "
            + ids.size() + " so far)");
        monkey.tend(plan.settleTimeout(), () -> committed.countDone(ids) == ids.size());
        counts = monkey.counts();
        journal.accept("stopping the workers (" + committed.countDone(ids) + " of " + ids.size() + " jobs done)");
        fleet.close();
        rebalances = group.rebalances();
        if (!committed.awaitCaughtUp(Duration.ofSeconds(60)) || !uncommitted.awaitCaughtUp(Duration.ofSeconds(60))) {
          journal.accept("the events topic's readers did not reach its end within a minute");
        }
        events = committed.snapshot();
        hidden = uncommitted.records() - committed.records();
        lastEvent = events.values().stream().flatMap(List::stream).map(EventLedger.Arrival::arrived)
            .max(Instant::compareTo).orElse(Instant.now());
      }
      List<ConsumerRecord<byte[], byte[]>> deadLetters =
          TopicSnapshot.read(bootstrap, topics.deadLetters(), Duration.ofSeconds(60));
      AuditResult audit = new OutputAudit(stack.s3(), LocalStack.OUTPUT_BUCKET, topics.group())
          .audit(jobs, events, deadLetters);
      int poisonAsExpected = poisonAsExpected(jobs, events);

      Optional<DeliveryComparison.Result> delivery = Optional.empty();
      if (compareJobs > 0) {
        journal.accept("comparing delivery modes: " + compareRounds + " rounds of " + compareJobs + " jobs each");
        delivery = Optional.of(new DeliveryComparison(stack, bundleDir, classpath, dir.resolve("logs"), journal)
            .run(plan.workers(), compareJobs, compareRounds, plan.mix(), plan.seed() + 1));
      }
      return new ChaosReport(jobs.size(), plan.poisonJobs(), counts.kills(), counts.terminations(),
          counts.scaleOuts(), counts.scaleIns(), counts.replacedAfterExit(), rebalances, audit, poisonAsExpected,
          hidden, Duration.between(firstSend, lastEvent).toNanos() / 1e9, delivery);
    }
  }

  /** The plan's jobs, the poison ones at random places among them. */
  static List<JobSpec> jobs(ChaosPlan plan) {
    List<JobSpec> jobs = new ArrayList<>(plan.mix().jobs("chaos", plan.jobs(), plan.seed()));
    Random random = new Random(plan.seed() ^ 0x5eed);
    List<JobSpec> poison = new ArrayList<>();
    for (int i = 1; i <= plan.crashingJobs(); i++) {
      poison.add(plan.mix().poison("poison-crash-" + i, "crash", plan.seed() + i));
    }
    for (int i = 1; i <= plan.failingJobs(); i++) {
      poison.add(plan.mix().poison("poison-engine-" + i, "engine_failure", plan.seed() + 100 + i));
    }
    for (int i = 1; i <= plan.hangingJobs(); i++) {
      poison.add(plan.mix().poison("poison-hang-" + i, "hang", plan.seed() + 200 + i));
    }
    for (JobSpec p : poison) {
      // In the first half, so that the poison's attempts play out while the run goes on.
      jobs.add(random.nextInt(Math.max(1, jobs.size() / 2)), p);
    }
    return jobs;
  }

  /** Over how long the jobs are sent: most of the disruptions' span, so that they meet work. */
  private static Duration feedDuration(ChaosPlan plan) {
    return plan.meanInterval().multipliedBy(Math.max(1, plan.disruptions())).multipliedBy(3).dividedBy(4);
  }

  /** Sends the jobs at an even pace over {@code duration}, on a thread of its own. */
  private static Thread feed(LocalStack stack, Topics topics, List<JobSpec> jobs, Duration duration) {
    return Thread.ofPlatform().name("chaos-feeder").start(() -> {
      long start = System.nanoTime();
      for (int i = 0; i < jobs.size(); i++) {
        long due = start + duration.toNanos() * i / jobs.size();
        long wait = due - System.nanoTime();
        if (wait > 0) {
          try {
            Thread.sleep(Duration.ofNanos(wait));
          } catch (InterruptedException e) {
            return;
          }
        }
        JobSpec job = jobs.get(i);
        stack.send(topics.jobs(), job.jobId(), job.value());
      }
      stack.flush();
    });
  }

  /**
   * Poison jobs that failed as their fault should make them fail: with its own error, or as
   * {@code WORKERS_LOST} when kills used up its attempts (each poison job has one event either way).
   */
  private static int poisonAsExpected(List<JobSpec> jobs, Map<String, List<EventLedger.Arrival>> events) {
    int ok = 0;
    for (JobSpec job : jobs) {
      if (job.fault().isEmpty()) {
        continue;
      }
      List<EventLedger.Arrival> arrivals = events.getOrDefault(job.jobId(), List.of());
      if (arrivals.size() != 1) {
        continue;
      }
      CompletionEvent.Result data = arrivals.get(0).event().data();
      String expected = POISON_CODES.get(job.fault().get());
      if (data.status() == CompletionEvent.Status.FAILED
          && data.error().map(e -> e.code().equals(expected) || e.code().equals(WORKERS_LOST)).orElse(false)) {
        ok++;
      }
    }
    return ok;
  }

  private static void writeRandomBundle(Path dir) {
    try {
      RandomBundles.write(dir, BundlePreset.TINY, BUNDLE_SEED);
    } catch (IOException e) {
      throw new UncheckedIOException("writing a random bundle to " + dir + " failed", e);
    }
  }
}
