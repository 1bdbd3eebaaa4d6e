package io.dreamworker.worker.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A stand-in server for {@link ChildJvmTest}, run as a child JVM: it prints its pid and
 * "ready", then behaves as its first argument says.
 *
 * <ul>
 *   <li>{@code serve}: runs until terminated, printing "terminated cleanly" on SIGTERM;
 *   <li>{@code hang}: runs until killed, since its shutdown hook never returns;
 *   <li>{@code exit}: exits at once with code {@value #EXIT_CODE};
 *   <li>{@code parent}: starts a {@code serve} child of its own through {@link ChildJvm}
 *       (logging to the second argument), waits for it, and runs until killed.
 * </ul>
 */
final class FixtureServer {
  static final int EXIT_CODE = 3;
  /** Longer than any test: "forever" for a fixture. */
  private static final Duration FOREVER = Duration.ofMinutes(10);

  private FixtureServer() {}

  public static void main(String[] args) throws Exception {
    System.out.println("pid=" + ProcessHandle.current().pid());
    switch (args[0]) {
      case "serve" -> Runtime.getRuntime().addShutdownHook(
          new Thread(() -> System.out.println("terminated cleanly")));
      case "hang" -> Runtime.getRuntime().addShutdownHook(new Thread(FixtureServer::sleepForever));
      case "exit" -> {
        System.out.println("exiting with " + EXIT_CODE);
        System.exit(EXIT_CODE);
      }
      case "parent" -> {
        ChildJvm child = command("serve", Path.of(args[1]));
        child.start();
        child.awaitReady(Duration.ofSeconds(30), () -> ChildJvmTest.logSays(child.logFile(), "ready"));
      }
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
    System.out.println("ready");
    sleepForever();
  }

  /** A child JVM running this class in {@code mode}, logging to {@code log}. */
  static ChildJvm command(String mode, Path log, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of(mode));
    args.addAll(List.of(more));
    List<Path> classpath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .map(Path::of).toList();
    return new ChildJvm("fixture server (" + mode + ")", ChildJvm.serverOptions("64m", Optional.empty()),
        classpath, FixtureServer.class.getName(), args, log.getParent(), log);
  }

  private static void sleepForever() {
    try {
      Thread.sleep(FOREVER);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
