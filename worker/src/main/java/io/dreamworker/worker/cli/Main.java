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
    subcommands = {BundleCommand.class, CommandLine.HelpCommand.class})
public final class Main {

  /** Runs a command line and returns its exit code (for tests, and for {@link #main}). */
  public static int run(String... args) {
    // Before any DJL class loads: DJL must never try the network.
    OfflineEngine.configure();
    return new CommandLine(new Main())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new UserErrors())
        .execute(args);
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }
}
