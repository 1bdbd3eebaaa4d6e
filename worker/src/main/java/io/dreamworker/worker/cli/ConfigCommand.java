package io.dreamworker.worker.cli;

import io.dreamworker.worker.config.ConfigKeysTable;
import io.dreamworker.worker.config.WorkerConfig;
import io.dreamworker.worker.config.WorkerConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dreamworker config ...}: the configuration's reference and a check of a file. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Configuration keys and checks.",
    subcommands = {ConfigCommand.Keys.class, ConfigCommand.Check.class})
final class ConfigCommand {

  /** {@code dreamworker config keys}: every key as a Markdown table (docs/configuration.md is this output). */
  @Command(name = "keys", mixinStandardHelpOptions = true,
      description = "Print every configuration key with its environment variable, type, default and meaning.")
  static final class Keys implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().print(ConfigKeysTable.markdown());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  /** {@code dreamworker config check FILE}: loads a file with the environment as {@code run} would. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Load a configuration file with the current DREAMWORKER_* overrides and report every problem.")
  static final class Check implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The YAML file.")
    Path file;

    @Override
    public Integer call() {
      WorkerConfig config = WorkerConfigLoader.load(file, System.getenv());
      spec.commandLine().getOut().printf("%s is valid: bundle %s, brokers %s, jobs topics %s, output bucket %s%n",
          file, config.bundle().path(), config.kafka().bootstrapServers(), config.kafka().jobsTopics(),
          config.s3().outputBucket());
      return 0;
    }
  }
}
