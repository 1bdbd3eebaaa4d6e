package io.dreamworker.worker.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {
  /** Generous for a JVM that prints two lines, on 2 busy cores. */
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void stop_ofARunningServer_terminatesItCleanly() throws Exception {
    ChildJvm server = FixtureServer.command("serve", dir.resolve("serve.log"));
    server.start();
    server.awaitReady(READY_TIMEOUT, () -> logSays(server.logFile(), "ready"));
    ProcessHandle java = serverProcess(server.logFile());

    server.stop(Duration.ofSeconds(30));

    assertThat(server.isAlive()).isFalse();
    assertThat(java.isAlive()).isFalse();
    assertThat(Files.readString(server.logFile())).contains("terminated cleanly");
  }

  @Test
  void stop_ofAServerThatIgnoresTermination_killsItAfterTheGrace() throws Exception {
    ChildJvm server = FixtureServer.command("hang", dir.resolve("hang.log"));
    server.start();
    server.awaitReady(READY_TIMEOUT, () -> logSays(server.logFile(), "ready"));
    ProcessHandle java = serverProcess(server.logFile());

    long started = System.nanoTime();
    server.stop(Duration.ofMillis(300));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    assertThat(server.isAlive()).isFalse();
    assertThat(java.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
  }

  @Test
  void awaitReady_ofAServerThatExits_failsWithItsExitCodeAndLog() {
    ChildJvm server = FixtureServer.command("exit", dir.resolve("exit.log"));
    server.start();

    assertThatThrownBy(() -> server.awaitReady(READY_TIMEOUT, () -> false))
        .isInstanceOf(StackException.class)
        .hasMessageContaining("fixture server (exit) exited with code " + FixtureServer.EXIT_CODE)
        .hasMessageContaining(dir.resolve("exit.log").toString())
        .hasMessageContaining("exiting with " + FixtureServer.EXIT_CODE);
  }

  @Test
  void awaitReady_ofAServerThatNeverAnswers_failsAfterTheTimeout() {
    ChildJvm server = FixtureServer.command("serve", dir.resolve("mute.log"));
    server.start();
    try {
      assertThatThrownBy(() -> server.awaitReady(Duration.ofMillis(700), () -> false))
          .isInstanceOf(StackException.class)
          .hasMessageContaining("fixture server (serve) did not answer within 700 ms");
    } finally {
      server.stop(Duration.ofSeconds(30));
    }
  }

  @Test
  void start_ofARunningServer_isRefused() {
    ChildJvm server = FixtureServer.command("serve", dir.resolve("twice.log"));
    server.start();
    try {
      assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("running already");
    } finally {
      server.stop(Duration.ofSeconds(30));
    }
  }

  @Test
  void killedParent_takesItsServerWithIt() throws Exception {
    Path childLog = dir.resolve("grandchild.log");
    ChildJvm parent = FixtureServer.command("parent", dir.resolve("parent.log"), childLog.toString());
    parent.start();
    parent.awaitReady(READY_TIMEOUT, () -> logSays(parent.logFile(), "ready"));
    ProcessHandle parentJava = serverProcess(parent.logFile());
    ProcessHandle grandchild = serverProcess(childLog);

    // SIGKILL: no shutdown hook runs in the parent, only the watchdog can stop its server.
    parentJava.destroyForcibly();

    assertThat(grandchild.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
    assertThat(Files.readString(childLog)).contains("terminated cleanly");
    parent.stop(Duration.ofSeconds(30));
  }

  static boolean logSays(Path log, String line) {
    try {
      return Files.exists(log) && Files.readAllLines(log).contains(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture's own JVM (not its watchdog shell), from the pid it printed. */
  private static ProcessHandle serverProcess(Path log) throws IOException {
    long pid = Files.readAllLines(log).stream().filter(l -> l.startsWith("pid="))
        .mapToLong(l -> Long.parseLong(l.substring(4))).findFirst().orElseThrow();
    return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("process " + pid + " is gone"));
  }
}
