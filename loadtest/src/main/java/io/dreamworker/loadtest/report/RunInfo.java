package io.dreamworker.loadtest.report;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What was run, where and with what, printed at the top of every report.
 *
 * @param title the report's heading, e.g. {@code "shapes bundle, 1 and 2 workers"}
 * @param started when the sweep began
 * @param machine the machine it ran on
 * @param bundleName the served model bundle's name
 * @param bundleVersion the served model bundle's version
 * @param seed the seed of the load generator's random choices, so that a run can be repeated
 * @param settings everything else that shaped the run (workload mix, deadlines, engine limits), in
 *     the caller's order
 */
public record RunInfo(String title, Instant started, Machine machine, String bundleName, String bundleVersion,
    long seed, Map<String, String> settings) {

  public RunInfo {
    Checks.nonBlank(title, "run title");
    Objects.requireNonNull(started, "run started");
    Objects.requireNonNull(machine, "run machine");
    Checks.nonBlank(bundleName, "run bundleName");
    Checks.nonBlank(bundleVersion, "run bundleVersion");
    settings = Checks.orderedCopy(settings, "run settings");
  }
}
