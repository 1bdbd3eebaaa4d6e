package io.dreamworker.worker.cli;

import io.dreamworker.model.bundle.BundleManifest;
import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.model.bundle.RandomBundles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dreamworker bundle random DIR}: a seeded random bundle of DreamLLM's architecture. */
@Command(name = "random", mixinStandardHelpOptions = true,
    description = "Write a seeded random bundle (full DreamLLM architecture, small sizes) for tests and benchmarks.")
final class RandomBundleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "Where to write the bundle (created if missing).")
  Path dir;

  @Option(names = "--preset", defaultValue = "tiny",
      description = "Sizes: tiny (tests), small (benchmarks) or shapes (the shapes-world model's sizes, untrained). Default: ${DEFAULT-VALUE}.")
  String preset;

  @Option(names = "--seed", defaultValue = "42", description = "Fixes every weight. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() throws Exception {
    BundleManifest m = RandomBundles.write(dir, BundlePreset.named(preset), seed);
    spec.commandLine().getOut().printf("wrote bundle %s (%s) to %s%n", m.name(), m.version(),
        dir.toAbsolutePath().normalize());
    return 0;
  }
}
