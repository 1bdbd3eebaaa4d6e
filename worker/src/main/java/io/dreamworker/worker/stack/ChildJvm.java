package io.dreamworker.worker.stack;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * One server run as a child JVM: its command line, its log file, and its life (start, readiness,
 * stop, forced kill), with failures reported together with the tail of its log.
 *
 * <p>Life of the child. The JVM runs under a small {@code /bin/sh} watchdog whose standard input is
 * a pipe that only this process can write to. When that pipe closes, the watchdog sends SIGTERM to
 * the server and waits for it; the pipe closes when {@link #stop} closes it, and also when this
 * JVM dies in any way, even by SIGKILL, since the kernel then closes its end. So no server outlives
 * the JVM that started it, which matters on a shared machine where a test fork may be killed. A
 * shutdown hook additionally stops the server on a normal exit and waits for it, so that the JVM's
 * exit does not race the server's shutdown. The server's output and the watchdog's go to one log
 * file, appended to across restarts.
 *
 * <p>Concurrency: {@link #start} and {@link #stop} are synchronized; the process field is guarded
 * by this object's lock.
 */
final class ChildJvm {
  /**
   * The watchdog, run as {@code sh -c WATCHDOG sh java ARGS...}: the server in the background with
   * its standard input from /dev/null, a watcher that reads this shell's standard input (kept on
   * descriptor 3, since a background list's own standard input is /dev/null) until it ends and then
   * terminates the server, and the server's exit status as the shell's.
   */
  private static final String WATCHDOG = """
      exec 3<&0
      "$@" </dev/null 3<&- &
      server=$!
      { while read -r _; do :; done; kill "$server" 2>/dev/null; } <&3 &
      watcher=$!
      exec 3<&-
      wait "$server"
      status=$?
      kill "$watcher" 2>/dev/null
      exit "$status"
      """;

  /** Pause between two readiness probes: short, since every start waits for the first success. */
  private static final Duration PROBE_INTERVAL = Duration.ofMillis(50);
  /** How long the shutdown hook lets a server shut down cleanly before it kills it. */
  private static final Duration SHUTDOWN_HOOK_GRACE = Duration.ofSeconds(5);
  /** How long to wait for a killed process to be gone: SIGKILL is immediate, reaping is not. */
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);
  /** Lines of the log quoted in an error message: enough for a stack trace's head. */
  private static final int LOG_TAIL_LINES = 40;
  /** Bytes read from the end of the log to find those lines. */
  private static final int LOG_TAIL_BYTES = 16 * 1024;

  private final String name;
  private final List<String> command;
  private final Path workDir;
  private final Path logFile;
  private final Map<String, String> environment;

  // Guarded by this.
  private Process process;
  private Thread shutdownHook;

  /**
   * @param name what the server is, for messages and thread names ("Kafka broker")
   * @param jvmOptions options before the class path (heap, GC, system properties)
   * @param classpath the jars, in a fixed order (class-data sharing needs the same order each time)
   * @param mainClass the class whose main method runs
   * @param args the main method's arguments
   * @param workDir the child's working directory (stray files land there)
   * @param logFile where its standard output and error are appended
   */
  ChildJvm(String name, List<String> jvmOptions, List<Path> classpath, String mainClass,
      List<String> args, Path workDir, Path logFile) {
    this(name, jvmOptions, classpath, mainClass, args, workDir, logFile, Map.of());
  }

  /** As above, with {@code environment} added to this process's own for the child. */
  ChildJvm(String name, List<String> jvmOptions, List<Path> classpath, String mainClass,
      List<String> args, Path workDir, Path logFile, Map<String, String> environment) {
    this.name = name;
    this.environment = Map.copyOf(environment);
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG, "sh", javaExecutable()));
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    cmd.add(mainClass);
    cmd.addAll(args);
    this.command = List.copyOf(cmd);
    this.workDir = workDir;
    this.logFile = logFile;
  }

  /**
   * The JVM options every server starts with: a modest heap and settings that favour a short start
   * over peak throughput, which a single-user test or demo server never needs.
   *
   * @param maxHeap the -Xmx value ("512m")
   * @param classDataArchive where to keep the class-data-sharing archive, if anywhere
   */
  static List<String> serverOptions(String maxHeap, Optional<Path> classDataArchive) {
    List<String> options = new ArrayList<>(List.of(
        "-Xmx" + maxHeap,
        // One GC thread and no concurrent collector: the machine may have 2 cores for everything.
        "-XX:+UseSerialGC",
        // The C1 compiler only: roughly a third less CPU while starting.
        "-XX:TieredStopAtLevel=1"));
    // The classes loaded by one run, mapped ready-made by the next: about half the start time.
    // The JDK rewrites the archive itself when the class path or the JDK changed.
    classDataArchive.ifPresent(archive -> options.addAll(List.of(
        "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive)));
    return options;
  }

  /** The same JDK as this process: the children need no other installation. */
  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  Path logFile() {
    return logFile;
  }

  /** Starts the server; it must not be running. */
  synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is running already (log: " + logFile + ")");
    }
    try {
      Files.createDirectories(workDir);
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      builder.environment().putAll(environment);
      process = builder.start();
    } catch (IOException e) {
      throw new StackException("cannot start the " + name + ": " + e.getMessage(), e);
    }
    Process started = process;
    shutdownHook = new Thread(() -> stop(started, SHUTDOWN_HOOK_GRACE), name + " shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /**
   * Waits until {@code answers} returns true, probing every {@link #PROBE_INTERVAL}. On failure the
   * server is left as it is: the caller stops it.
   *
   * @throws StackException when the server exits first or does not answer within {@code timeout};
   *     the message quotes its log
   */
  void awaitReady(Duration timeout, BooleanSupplier answers) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Process current = current();
      if (!current.isAlive()) {
        throw failure(name + " exited with code " + current.exitValue() + " before it answered");
      }
      if (answers.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw failure(name + " did not answer within " + readable(timeout));
      }
      pause(PROBE_INTERVAL);
    }
  }

  /**
   * Waits for a run-to-completion child (a tool, not a server) to exit with code 0.
   *
   * @throws StackException when it exits with another code or runs longer than {@code timeout}
   */
  void awaitSuccess(Duration timeout) {
    Process current = current();
    boolean exited;
    try {
      exited = current.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(Duration.ZERO);
      throw new StackException("interrupted while waiting for the " + name, e);
    }
    if (!exited) {
      stop(Duration.ZERO);
      throw failure(name + " did not finish within " + readable(timeout));
    }
    forgetShutdownHook();
    if (current.exitValue() != 0) {
      throw failure(name + " failed with exit code " + current.exitValue());
    }
  }

  /** Stops the server: SIGTERM, then SIGKILL after {@code grace}. Does nothing when it is not running. */
  synchronized void stop(Duration grace) {
    if (process == null) {
      return;
    }
    stop(process, grace);
    forgetShutdownHook();
  }

  /**
   * SIGKILLs the server (no shutdown hook, no cleanup: as a machine that vanishes) and waits until
   * it is gone. Does nothing when it is not running.
   */
  synchronized void kill() {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    forgetShutdownHook();
  }

  /** The exit status of the last run, when it has exited. */
  synchronized Optional<Integer> exitStatus() {
    return process == null || process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
  }

  /** The server's last lines of output, for reports. */
  String tail() {
    return logTail();
  }

  private synchronized Process current() {
    if (process == null) {
      throw new IllegalStateException(name + " was never started");
    }
    return process;
  }

  private synchronized void forgetShutdownHook() {
    if (shutdownHook == null) {
      return;
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to: it stops the same process, which is harmless.
    }
    shutdownHook = null;
  }

  private static void stop(Process watchdog, Duration grace) {
    if (!watchdog.isAlive()) {
      return;
    }
    try {
      // End of input makes the watchdog send SIGTERM to the server (see the class comment).
      watchdog.getOutputStream().close();
    } catch (IOException alreadyClosed) {
      // Closed before: the watchdog has seen the end of its input already.
    }
    try {
      if (!watchdog.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
        watchdog.destroyForcibly();
        watchdog.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
      watchdog.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** An error whose message ends with the tail of the server's log and the log's path. */
  StackException failure(String what) {
    return new StackException(what + "; log " + logFile + " ends with:\n" + logTail());
  }

  private String logTail() {
    try (SeekableByteChannel channel = Files.newByteChannel(logFile)) {
      long size = channel.size();
      int length = (int) Math.min(size, LOG_TAIL_BYTES);
      channel.position(size - length);
      ByteBuffer bytes = ByteBuffer.allocate(length);
      while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
        // read until the buffer is full: the file does not shrink
      }
      List<String> lines = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8).lines().toList();
      // The first line may be cut in the middle, unless the whole file was read.
      int from = Math.max(length < size ? 1 : 0, lines.size() - LOG_TAIL_LINES);
      return String.join("\n", lines.subList(Math.min(from, lines.size()), lines.size()));
    } catch (IOException e) {
      return "(the log cannot be read: " + e.getMessage() + ")";
    }
  }

  /** "90 s" or "500 ms", for messages. */
  static String readable(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while waiting for a server to start", e);
    }
  }

  @Override
  public String toString() {
    return name + " (log: " + logFile + ")";
  }
}
