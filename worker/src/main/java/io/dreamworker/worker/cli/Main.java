package io.dreamworker.worker.cli;

import io.dreamworker.model.runtime.OfflineEngine;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code dreamworker} command line. Each subcommand is a class of its own; later issues add
 * {@code run}, {@code demo}, {@code submit} and {@code bench} beside the ones here.
 */
@Command(
    name = "dreamworker",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Runs DreamLLM-style multimodal models: components, bundles and tools.",
    subcommands = {DemoCommand.class, RunCommand.class, SubmitCommand.class, ConfigCommand.class, SelfCheckCommand.class, BundleCommand.class, BenchCommand.class, TrainCommand.class, EvalCommand.class,
        CommandLine.HelpCommand.class})
public final class Main {

  /** The configured command line; tests redirect its output with {@code setOut}/{@code setErr}. */
  public static CommandLine commandLine() {
    // Before any DJL class loads: DJL must never try the network.
    OfflineEngine.configure();
    return new CommandLine(new Main())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new UserErrors());
  }

  /** Runs a command line and returns its exit code. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }
}
