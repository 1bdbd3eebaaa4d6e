package io.dreamworker.loadtest.load;

import io.dreamworker.loadtest.fleet.GroupWatcher;
import io.dreamworker.loadtest.fleet.LocalStack;
import io.dreamworker.loadtest.fleet.Topics;
import io.dreamworker.loadtest.fleet.WorkerFleet;
import io.dreamworker.loadtest.workload.JobSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Worker processes on this machine's embedded stack: a series' own topics and group, its workers
 * started and joined before the first job, their {@code /metrics} read for batch sizes.
 */
final class FleetTarget implements LoadTarget {
  /** How long the workers may take to start and join their group. */
  private static final Duration JOIN_TIMEOUT = Duration.ofMinutes(3);

  private final LocalStack stack;
  private final Topics topics;
  private final WorkerFleet fleet;
  private final GroupWatcher group;
  private final EngineMetricsScrape scrape = new EngineMetricsScrape();
  private final int workers;
  private final String engineMode;
  /** The next job's partition: round robin, so that every worker gets the same number of jobs. */
  private final java.util.concurrent.atomic.AtomicInteger nextPartition = new java.util.concurrent.atomic.AtomicInteger();

  private FleetTarget(LocalStack stack, Topics topics, WorkerFleet fleet, GroupWatcher group, int workers,
      String engineMode) {
    this.stack = stack;
    this.topics = topics;
    this.fleet = fleet;
    this.group = group;
    this.workers = workers;
    this.engineMode = engineMode;
  }

  /**
   * Creates the series' topics, starts {@code workers} workers in {@code engineMode} and waits until
   * they have all joined the group.
   *
   * @param settings the workers' other settings ({@code DREAMWORKER_*})
   */
  static FleetTarget start(LocalStack stack, String name, Path bundle, int workers, String engineMode,
      Map<String, String> settings, List<String> jvmOptions, List<Path> classpath, Path logs)
      throws InterruptedException {
    Topics topics = stack.create(Topics.named(name, Math.max(6, 3 * workers)));
    Map<String, String> env = new java.util.HashMap<>(settings);
    env.put("DREAMWORKER_ENGINE_MODE", engineMode);
    WorkerFleet fleet = new WorkerFleet(stack, bundle, topics, env, jvmOptions, classpath, logs.resolve(name), true);
    GroupWatcher group = GroupWatcher.start(stack.admin(), topics.group());
    try {
      fleet.startJoined(name, workers, group, JOIN_TIMEOUT);
    } catch (InterruptedException | RuntimeException e) {
      group.close();
      fleet.close();
      throw e;
    }
    return new FleetTarget(stack, topics, fleet, group, workers, engineMode);
  }

  /**
   * Sends to the partitions in turn rather than by the key's hash: with a few hundred jobs, hashing
   * leaves one worker a tenth more than the other, and a bulk run's time is its slowest worker's.
   */
  @Override
  public void send(JobSpec job) {
    int partition = Math.floorMod(nextPartition.getAndIncrement(), topics.jobsPartitions());
    stack.send(topics.jobs(), partition, job.jobId(), job.value());
  }

  @Override
  public String bootstrapServers() {
    return stack.addresses().kafkaBootstrapServers();
  }

  @Override
  public Map<String, String> clientProperties() {
    return Map.of();
  }

  @Override
  public String eventsTopic() {
    return topics.events();
  }

  @Override
  public long consumerLag() {
    return GroupLag.of(stack.admin(), topics.group(), topics.jobs());
  }

  @Override
  public Map<String, double[]> batchRowTotals() {
    return scrape.totals(fleet.metricsUris());
  }

  @Override
  public int workers() {
    return workers;
  }

  @Override
  public String engineMode() {
    return engineMode;
  }

  @Override
  public void close() {
    group.close();
    fleet.close();
  }
}
