package io.dreamworker.worker.cli;

import io.dreamworker.model.bundle.BundleInventory;
import io.dreamworker.model.bundle.BundleInventory.ComponentStats;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dreamworker bundle ...}: look into and make model bundles. */
@Command(
    name = "bundle",
    description = "Inspect or create model bundles.",
    mixinStandardHelpOptions = true,
    subcommands = {BundleCommand.Inspect.class, RandomBundleCommand.class, FetchBundleCommand.class})
final class BundleCommand {

  /** {@code dreamworker bundle inspect DIR}. */
  @Command(name = "inspect", mixinStandardHelpOptions = true,
      description = "Print a bundle's components, parameter counts and memory, from its headers alone.")
  static final class Inspect implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The bundle directory (with bundle.json).")
    Path dir;

    @Override
    public Integer call() throws Exception {
      BundleInventory inv = BundleInventory.read(dir);
      PrintWriter out = spec.commandLine().getOut();
      var m = inv.manifest();
      out.printf("bundle %s, version %s (%s)%n", m.name(), m.version(), dir.toAbsolutePath().normalize());
      out.printf("tokenizer %s; weights %s%n%n", m.tokenizer(), String.join(", ", m.weights()));
      out.printf("%-16s %-30s %-14s %8s %12s %12s %12s  %s%n",
          "component", "kind", "prefix", "tensors", "parameters", "on disk", "in memory", "dtypes");
      for (var e : inv.components().entrySet()) {
        ComponentStats s = e.getValue();
        out.printf("%-16s %-30s %-14s %8d %12s %12s %12s  %s%n",
            e.getKey(), s.kind(), s.prefix().isEmpty() ? "-" : s.prefix(), s.tensors(),
            Units.count(s.parameters()), Units.bytes(s.diskBytes()), Units.bytes(s.loadedBytes()),
            s.dtypes().isEmpty() ? "-" : s.dtypes());
      }
      out.printf("%-16s %-30s %-14s %8s %12s %12s %12s%n", "total", "", "", "",
          Units.count(inv.totalParameters()),
          Units.bytes(inv.components().values().stream().mapToLong(ComponentStats::diskBytes).sum()),
          Units.bytes(inv.totalLoadedBytes()));
      if (!m.missingRoles().isEmpty()) {
        out.printf("%nmissing components: %s (the bundle cannot run the full pipeline)%n", m.missingRoles());
      }
      if (!inv.unassigned().isEmpty()) {
        out.printf("%n%d tensors are under no component's prefix, for example %s%n",
            inv.unassigned().size(), inv.unassigned().subList(0, Math.min(5, inv.unassigned().size())));
      }
      return 0;
    }
  }
}
