package io.dreamworker.loadtest.report;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One conclusion of a run, listed first in the report: for example "2 workers / 1 worker
 * throughput" is "1.86x" against the target "&gt;= 1.8x", met.
 *
 * <p>Findings are worked out by the sweep driver, which knows what the run set out to show; the
 * report prints them as given.
 *
 * @param name what was found, e.g. {@code "2 workers / 1 worker throughput"}
 * @param value the value as it should be printed, e.g. {@code "1.86x"}
 * @param detail how it was worked out, or what it means; may be empty
 * @param numeric the value as a number, for tools that read results.json
 * @param target the target it was held against, if any
 */
public record Finding(String name, String value, String detail, OptionalDouble numeric, Optional<Target> target) {

  /**
   * A target and whether it was met.
   *
   * @param text the target as printed, e.g. {@code ">= 1.8x"}
   * @param met whether the value meets it
   */
  public record Target(String text, boolean met) {
    public Target {
      Checks.nonBlank(text, "finding target text");
    }
  }

  public Finding {
    Checks.nonBlank(name, "finding name");
    Checks.nonBlank(value, "finding \"" + name + "\" value");
    Objects.requireNonNull(detail, "finding \"" + name + "\" detail (use \"\" for none)");
    Objects.requireNonNull(numeric, "finding \"" + name + "\" numeric (use OptionalDouble.empty())");
    numeric.ifPresent(n -> {
      if (!Double.isFinite(n)) {
        throw new IllegalArgumentException("finding \"" + name + "\" numeric must be finite, got " + n);
      }
    });
    Objects.requireNonNull(target, "finding \"" + name + "\" target (use Optional.empty())");
  }

  /** A finding with neither a number nor a target. */
  public static Finding of(String name, String value, String detail) {
    return new Finding(name, value, detail, OptionalDouble.empty(), Optional.empty());
  }

  /** This finding with {@code numeric} as its value's number. */
  public Finding withNumeric(double numeric) {
    return new Finding(name, value, detail, OptionalDouble.of(numeric), target);
  }

  /** This finding held against {@code targetText}, met or not. */
  public Finding withTarget(String targetText, boolean met) {
    return new Finding(name, value, detail, numeric, Optional.of(new Target(targetText, met)));
  }
}
