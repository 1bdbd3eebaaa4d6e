package io.dreamworker.loadtest.fleet;

import io.dreamworker.worker.stack.EmbeddedStack;
import io.dreamworker.worker.stack.LoopbackPorts;
import io.dreamworker.worker.stack.WorkerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Worker processes ({@code dreamworker run} in child JVMs) of one consumer group on a
 * {@link LocalStack}, started, killed, stopped and replaced as an autoscaling group and its spot
 * instances would: the fleet the chaos harness and the load test drive.
 *
 * <p>Each worker is configured through its environment alone, as in a container, and logs to
 * {@code logs/<id>.log}. A worker that exits on its own (a poison job crashed it) is replaced under
 * the same id by {@link #replaceExited()}, as an orchestrator restarts a container.
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class WorkerFleet implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WorkerFleet.class);
  /** After a group is whole, a moment for its assignment to reach every member. */
  private static final Duration ASSIGNMENT_SETTLE = Duration.ofSeconds(2);
  /** How long a SIGTERM'd worker may drain before it is killed: its drain timeout plus its exit. */
  public static final Duration TERMINATE_GRACE = Duration.ofSeconds(45);

  private final LocalStack stack;
  private final Path bundle;
  private final Topics topics;
  private final Map<String, String> settings;
  private final List<String> jvmOptions;
  private final List<Path> classpath;
  private final Path logs;
  private final Map<String, WorkerProcess> workers = new LinkedHashMap<>();
  /** Each worker's /metrics port, when the fleet gave it one. */
  private final Map<String, Integer> metricsPorts = new LinkedHashMap<>();
  private final boolean exposeMetrics;

  /**
   * @param settings {@code DREAMWORKER_*} overrides on top of the fleet's own (the stack's
   *     addresses, the topics, the bundle)
   * @param jvmOptions the workers' JVM options (heap, compiler)
   * @param classpath the jars the workers run from
   */
  public WorkerFleet(LocalStack stack, Path bundle, Topics topics, Map<String, String> settings,
      List<String> jvmOptions, List<Path> classpath, Path logs) {
    this(stack, bundle, topics, settings, jvmOptions, classpath, logs, false);
  }

  /**
   * As above; with {@code exposeMetrics}, each worker serves {@code /metrics} on a port of its own
   * on 127.0.0.1 ({@link #metricsUris()}), for a load test to read its engine's batch sizes.
   */
  public WorkerFleet(LocalStack stack, Path bundle, Topics topics, Map<String, String> settings,
      List<String> jvmOptions, List<Path> classpath, Path logs, boolean exposeMetrics) {
    this.exposeMetrics = exposeMetrics;
    this.stack = Objects.requireNonNull(stack, "stack");
    this.bundle = Objects.requireNonNull(bundle, "bundle");
    this.topics = Objects.requireNonNull(topics, "topics");
    this.settings = Map.copyOf(settings);
    this.jvmOptions = List.copyOf(jvmOptions);
    this.classpath = List.copyOf(classpath);
    this.logs = Objects.requireNonNull(logs, "logs");
  }

  /** The JVM options of a worker that lives for seconds to minutes beside others on few cores. */
  public static List<String> defaultJvmOptions() {
    return List.of("-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
  }

  /** Starts a worker under {@code workerId}; it loads the bundle and joins the group. */
  public synchronized WorkerProcess start(String workerId) {
    WorkerProcess existing = workers.get(workerId);
    if (existing != null && existing.isAlive()) {
      throw new IllegalStateException("worker " + workerId + " runs already");
    }
    try {
      Files.createDirectories(logs);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot create " + logs, e);
    }
    Map<String, String> env = environment();
    if (exposeMetrics) {
      int port = metricsPorts.computeIfAbsent(workerId, id -> LoopbackPorts.free(1)[0]);
      env.put("DREAMWORKER_HTTP_PORT", Integer.toString(port));
    }
    WorkerProcess worker = WorkerProcess.start(workerId, env, jvmOptions, classpath, logs.resolve(workerId + ".log"));
    workers.put(workerId, worker);
    return worker;
  }

  /**
   * Starts {@code count} workers ({@code prefix-worker-1}...) and waits until they have all joined
   * the group and its first assignment has settled: what a measurement starts from.
   *
   * @throws IllegalStateException when they do not join within {@code timeout}, or one exits
   */
  public void startJoined(String prefix, int count, GroupWatcher group, Duration timeout) throws InterruptedException {
    for (int i = 1; i <= count; i++) {
      start(String.format(java.util.Locale.ROOT, "%s-worker-%d", prefix, i));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (group.members() < count) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException(count + " workers did not join " + topics.group() + " within " + timeout
            + "; their logs are in " + logs);
      }
      if (alive().size() < count) {
        throw new IllegalStateException("a worker of " + prefix + " exited while starting; its log is in " + logs);
      }
      Thread.sleep(100);
    }
    Thread.sleep(ASSIGNMENT_SETTLE.toMillis());
  }

  /** SIGKILLs a worker: no drain, no commit. */
  public synchronized void kill(String workerId) {
    worker(workerId).kill();
  }

  /** SIGTERMs a worker and waits for it to drain, commit and leave the group. */
  public synchronized void terminate(String workerId) {
    worker(workerId).terminate(TERMINATE_GRACE);
  }

  /** The ids of the workers that run now, in the order they were first started. */
  public synchronized List<String> alive() {
    List<String> alive = new ArrayList<>();
    workers.forEach((id, worker) -> {
      if (worker.isAlive()) {
        alive.add(id);
      }
    });
    return alive;
  }

  /**
   * Restarts, under the same id, every worker that exited on its own (not by {@link #kill} or
   * {@link #terminate}, which are not followed by this unless the caller asks): what an orchestrator
   * does for a crashed container. Returns how many it restarted.
   */
  public synchronized int replaceExited(java.util.Set<String> wanted) {
    int count = 0;
    for (String id : wanted) {
      WorkerProcess worker = workers.get(id);
      if (worker != null && !worker.isAlive()) {
        log.info("worker {} exited on its own ({}); replacing it", id, worker.exitStatus().map(String::valueOf)
            .orElse("?"));
        start(id);
        count++;
      }
    }
    return count;
  }

  public Topics topics() {
    return topics;
  }

  /** The {@code /metrics} URIs of the workers that run now (empty unless the fleet exposes them). */
  public synchronized List<java.net.URI> metricsUris() {
    List<java.net.URI> uris = new ArrayList<>();
    metricsPorts.forEach((id, port) -> {
      WorkerProcess worker = workers.get(id);
      if (worker != null && worker.isAlive()) {
        uris.add(java.net.URI.create("http://" + LoopbackPorts.HOST + ":" + port + "/metrics"));
      }
    });
    return uris;
  }

  /** SIGTERMs every worker still running, in parallel, and waits for them. */
  @Override
  public synchronized void close() {
    List<Thread> stopping = new ArrayList<>();
    for (WorkerProcess worker : workers.values()) {
      if (worker.isAlive()) {
        Thread t = Thread.ofPlatform().name("stop-" + worker.workerId()).start(() -> worker.terminate(TERMINATE_GRACE));
        stopping.add(t);
      }
    }
    for (Thread t : stopping) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        workers.values().forEach(WorkerProcess::kill);
        return;
      }
    }
  }

  private WorkerProcess worker(String workerId) {
    WorkerProcess worker = workers.get(workerId);
    if (worker == null) {
      throw new IllegalArgumentException("no worker " + workerId + " in this fleet; it has " + workers.keySet());
    }
    return worker;
  }

  /** A worker's environment: its whole configuration, as a container would have it. */
  Map<String, String> environment() {
    EmbeddedStack.Addresses a = stack.addresses();
    Map<String, String> env = new HashMap<>();
    env.put("DREAMWORKER_BUNDLE_PATH", bundle.toString());
    env.put("DREAMWORKER_BUNDLE_DEVICE", "cpu");
    env.put("DREAMWORKER_KAFKA_BOOTSTRAP_SERVERS", a.kafkaBootstrapServers());
    env.put("DREAMWORKER_KAFKA_GROUP_ID", topics.group());
    env.put("DREAMWORKER_KAFKA_JOBS_TOPICS", topics.jobs());
    env.put("DREAMWORKER_KAFKA_EVENTS_TOPIC", topics.events());
    env.put("DREAMWORKER_KAFKA_DEAD_LETTER_TOPIC", topics.deadLetters());
    env.put("DREAMWORKER_S3_ENDPOINT", a.s3Endpoint().toString());
    env.put("DREAMWORKER_S3_REGION", a.s3Region());
    env.put("DREAMWORKER_S3_PATH_STYLE", "true");
    env.put("DREAMWORKER_S3_OUTPUT_BUCKET", LocalStack.OUTPUT_BUCKET);
    env.put("DREAMWORKER_S3_OUTPUT_PREFIX", topics.group());
    env.put("DREAMWORKER_HTTP_HOST", "127.0.0.1");
    env.put("DREAMWORKER_HTTP_PORT", "0");
    env.put("DREAMWORKER_LOG_FORMAT", "text");
    env.put("AWS_ACCESS_KEY_ID", a.s3AccessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", a.s3SecretAccessKey());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    // One libtorch thread per worker: several workers share few cores with the broker and S3.
    env.put("OMP_NUM_THREADS", "1");
    env.putAll(settings);
    return env;
  }
}
