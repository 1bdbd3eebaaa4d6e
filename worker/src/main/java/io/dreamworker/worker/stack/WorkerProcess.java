package io.dreamworker.worker.stack;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code dreamworker run} in a child JVM, configured through its environment alone as in a
 * container, with its output in a log file: a worker the chaos harness, the load test and the
 * integration tests can start, kill and stop as an orchestrator would. Like the stack's servers it
 * runs under a watchdog, so no worker outlives the JVM that started it (see {@link ChildJvm}).
 */
public final class WorkerProcess implements AutoCloseable {
  /** The worker's command line entry point. */
  public static final String MAIN_CLASS = "io.dreamworker.worker.cli.Main";

  private final String workerId;
  private final ChildJvm jvm;

  private WorkerProcess(String workerId, ChildJvm jvm) {
    this.workerId = workerId;
    this.jvm = jvm;
  }

  /**
   * Starts a worker.
   *
   * @param workerId its id ({@code HOSTNAME}): the CloudEvents source and the transactional id's end
   * @param environment its configuration ({@code DREAMWORKER_*}), added to this process's environment
   * @param jvmOptions heap, compiler and system properties ({@code -Dai.djl.offline=true} is added)
   * @param classpath the worker's jars, such as {@link #thisClasspath()}
   * @param logFile where its output is appended
   */
  public static WorkerProcess start(String workerId, Map<String, String> environment, List<String> jvmOptions,
      List<Path> classpath, Path logFile) {
    Objects.requireNonNull(workerId, "workerId");
    Map<String, String> env = new java.util.HashMap<>(environment);
    env.put("HOSTNAME", workerId);
    env.put("OPT_OUT_TRACKING", "true");
    List<String> options = new ArrayList<>(jvmOptions);
    options.add("-Dai.djl.offline=true");
    options.add("--enable-native-access=ALL-UNNAMED");
    ChildJvm jvm = new ChildJvm("worker " + workerId, options, classpath, MAIN_CLASS, List.of("run"),
        logFile.toAbsolutePath().getParent(), logFile, env);
    jvm.start();
    return new WorkerProcess(workerId, jvm);
  }

  /** This JVM's own class path, which holds the worker when this JVM is a test or a tool built on it. */
  public static List<Path> thisClasspath() {
    return List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
        .filter(entry -> !entry.isBlank()).map(Path::of).toList();
  }

  public String workerId() {
    return workerId;
  }

  /** Whether the worker's JVM runs. */
  public boolean isAlive() {
    return jvm.isAlive();
  }

  /** Its exit status, once it has exited. */
  public Optional<Integer> exitStatus() {
    return jvm.exitStatus();
  }

  /** SIGKILLs the worker: no drain, no commit, as when a spot instance vanishes. */
  public void kill() {
    jvm.kill();
  }

  /**
   * SIGTERMs the worker and waits for it to drain, commit and leave its group; SIGKILLs it after
   * {@code grace}.
   */
  public void terminate(Duration grace) {
    jvm.stop(grace);
  }

  /** The end of its log. */
  public String logTail() {
    return jvm.tail();
  }

  public Path logFile() {
    return jvm.logFile();
  }

  /** SIGKILLs it (a test's worker leaves nothing to drain). */
  @Override
  public void close() {
    kill();
  }

  @Override
  public String toString() {
    return "worker " + workerId + " (log: " + jvm.logFile() + ")";
  }
}
