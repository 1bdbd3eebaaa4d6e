package io.dreamworker.loadtest.cli;

import io.dreamworker.model.runtime.OfflineEngine;
import io.dreamworker.worker.ops.ConsoleLogging;
import io.dreamworker.worker.ops.LogFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The load-test module's command line: {@code dreamworker chaos} and {@code dreamworker loadtest}
 * (the launcher hands those two commands to this jar), each a class of its own.
 */
@Command(name = "dreamworker", mixinStandardHelpOptions = true,
    description = "The worker fleet under chaos and under load, on this machine.",
    subcommands = {ChaosCommand.class, LoadtestCommand.class, CommandLine.HelpCommand.class})
public final class Main {
  /** Exit code of a run that found what it must not (lost, duplicated or mismatched jobs). */
  static final int FOUND_PROBLEMS = 1;
  /** Exit code of a usage or input error. */
  static final int USER_ERROR = 2;

  public static CommandLine commandLine() {
    OfflineEngine.configure();
    return new CommandLine(new Main()).setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof IllegalArgumentException || e instanceof java.io.IOException
          || e instanceof io.dreamworker.worker.stack.StackException) {
        cmd.getErr().println(cmd.getColorScheme().errorText(cmd.getCommandSpec().qualifiedName() + ": "
            + e.getMessage()));
        return USER_ERROR;
      }
      throw e;
    });
  }

  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    ConsoleLogging.use(LogFormat.chosen(System.getProperties(), System.getenv()).orElse(LogFormat.TEXT));
    System.exit(commandLine().execute(args));
  }
}
