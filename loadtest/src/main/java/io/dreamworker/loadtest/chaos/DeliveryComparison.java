package io.dreamworker.loadtest.chaos;

import io.dreamworker.loadtest.audit.EventLedger;
import io.dreamworker.loadtest.fleet.GroupWatcher;
import io.dreamworker.loadtest.fleet.LocalStack;
import io.dreamworker.loadtest.fleet.Topics;
import io.dreamworker.loadtest.fleet.WorkerFleet;
import io.dreamworker.loadtest.workload.JobSpec;
import io.dreamworker.loadtest.workload.WorkloadMix;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What exactly-once delivery costs: the same jobs through the same fleet, with
 * {@code kafka.delivery} exactly-once and at-least-once, in alternating rounds (ABAB, so that a
 * machine that slows down or warms up over the run weighs on both modes alike), each on fresh
 * topics and fresh workers that have joined their group before the first job is sent. Throughput
 * is jobs over the time from the first send to the last completion event.
 */
final class DeliveryComparison {
  /** How long the fleet may take to join its group before a round. */
  private static final Duration JOIN_TIMEOUT = Duration.ofMinutes(2);
  /** How long a round's jobs may take. */
  private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(10);

  /**
   * @param exactlyOnce each exactly-once round's jobs per second
   * @param atLeastOnce each at-least-once round's jobs per second
   */
  record Result(int jobsPerRun, int workers, List<Double> exactlyOnce, List<Double> atLeastOnce) {
    /** The median exactly-once throughput over the median at-least-once one. */
    double ratio() {
      return median(exactlyOnce) / median(atLeastOnce);
    }

    private static double median(List<Double> values) {
      List<Double> sorted = values.stream().sorted().toList();
      int n = sorted.size();
      return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
  }

  private final LocalStack stack;
  private final Path bundle;
  private final List<Path> classpath;
  private final Path logs;
  private final Consumer<String> journal;

  DeliveryComparison(LocalStack stack, Path bundle, List<Path> classpath, Path logs, Consumer<String> journal) {
    this.stack = stack;
    this.bundle = bundle;
    this.classpath = classpath;
    this.logs = logs;
    this.journal = journal;
  }

  Result run(int workers, int jobs, int rounds, WorkloadMix mix, long seed) throws InterruptedException {
    List<Double> exactlyOnce = new ArrayList<>();
    List<Double> atLeastOnce = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      for (String mode : List.of("exactly-once", "at-least-once")) {
        double perSecond = round(mode, round, workers, jobs, mix, seed);
        (mode.equals("exactly-once") ? exactlyOnce : atLeastOnce).add(Math.round(perSecond * 100) / 100.0);
        journal.accept(String.format(Locale.ROOT, "delivery %s, round %d: %.2f jobs/s", mode, round, perSecond));
      }
    }
    return new Result(jobs, workers, exactlyOnce, atLeastOnce);
  }

  private double round(String mode, int round, int workers, int jobs, WorkloadMix mix, long seed)
      throws InterruptedException {
    String name = "delivery-" + mode.replace("-", "") + "-" + round;
    Topics topics = stack.create(Topics.named(name, 6));
    Map<String, String> settings = new HashMap<>(ChaosRun.workerSettings(3, Duration.ofMinutes(5)));
    settings.put("DREAMWORKER_KAFKA_DELIVERY", mode);
    settings.put("DREAMWORKER_TESTING_FAULT_INJECTION", "false");
    List<JobSpec> specs = mix.jobs(name, jobs, seed);
    Set<String> ids = specs.stream().map(JobSpec::jobId).collect(Collectors.toSet());
    try (WorkerFleet fleet = new WorkerFleet(stack, bundle, topics, settings, WorkerFleet.defaultJvmOptions(), classpath,
             logs.resolve(name));
         GroupWatcher group = GroupWatcher.start(stack.admin(), topics.group());
         EventLedger ledger = EventLedger.start(stack.addresses().kafkaBootstrapServers(), topics.events())) {
      fleet.startJoined(name, workers, group, JOIN_TIMEOUT);
      Instant start = Instant.now();
      for (JobSpec job : specs) {
        stack.send(topics.jobs(), job.jobId(), job.value());
      }
      stack.flush();
      if (!ledger.awaitAll(ids, ROUND_TIMEOUT)) {
        throw new IllegalStateException("the " + mode + " round did not complete its " + jobs + " jobs within "
            + ROUND_TIMEOUT);
      }
      Instant last = ledger.snapshot().values().stream().flatMap(List::stream).map(EventLedger.Arrival::arrived)
          .max(Instant::compareTo).orElseThrow();
      return jobs / (Duration.between(start, last).toNanos() / 1e9);
    }
  }
}
