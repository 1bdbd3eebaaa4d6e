package io.dreamworker.worker.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code dreamworker run} in a child JVM, configured through its environment alone as in a
 * container, with this JVM's class path and its output in a log file; for tests that kill a worker.
 *
 * <p>The JVM runs under a small {@code /bin/sh} watchdog that SIGKILLs it when the watchdog's
 * standard input closes, which happens when this JVM dies in any way: a test fork that is itself
 * killed leaves no worker behind on a shared machine.
 */
final class ChildWorker implements AutoCloseable {
  /** Runs {@code "$@"} in the background and kills it when this shell's standard input ends. */
  private static final String WATCHDOG = """
      exec 3<&0
      "$@" </dev/null 3<&- &
      worker=$!
      { while read -r _; do :; done; kill -9 "$worker" 2>/dev/null; } <&3 &
      exec 3<&-
      wait "$worker"
      """;
  /** Lines of the log quoted when the worker exits on its own. */
  private static final int LOG_TAIL_LINES = 40;
  /** How long a killed process may take to be reaped. */
  private static final Duration KILL_WAIT = Duration.ofSeconds(30);

  private final Process watchdog;
  private final Path log;

  private ChildWorker(Process watchdog, Path log) {
    this.watchdog = watchdog;
    this.log = log;
  }

  /** Starts a worker with {@code environment} added to this process's own. */
  static ChildWorker start(Map<String, String> environment, Path log) throws IOException {
    String java = ProcessHandle.current().info().command().orElseThrow(() ->
        new IllegalStateException("cannot tell which java runs this test"));
    List<String> command = new ArrayList<>(List.of("sh", "-c", WATCHDOG, "sh"));
    // C1 only: the child lives for seconds, and compiling for peak speed would cost more CPU than it saves.
    command.addAll(List.of(java, "-Xmx1g", "-XX:TieredStopAtLevel=1", "-Dai.djl.offline=true",
        "--enable-native-access=ALL-UNNAMED",
        "-cp", System.getProperty("java.class.path"), "io.dreamworker.worker.cli.Main", "run"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    builder.environment().put("OPT_OUT_TRACKING", "true");
    return new ChildWorker(builder.start(), log);
  }

  /** Whether the worker still runs. */
  boolean isAlive() {
    return watchdog.isAlive();
  }

  /** Why it is not alive: its exit status and the end of its log. */
  String exitReport() {
    return "exit status " + (watchdog.isAlive() ? "(running)" : watchdog.exitValue()) + ", log:\n" + logTail();
  }

  /** SIGKILLs the worker's JVM (no shutdown hook, no drain, no commit) and waits until it is gone. */
  void kill() throws InterruptedException {
    watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
    watchdog.destroyForcibly();
    if (!watchdog.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the child worker did not die within " + KILL_WAIT);
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }
}
