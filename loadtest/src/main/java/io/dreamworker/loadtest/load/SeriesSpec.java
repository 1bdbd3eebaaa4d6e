package io.dreamworker.loadtest.load;

import java.util.Locale;

/**
 * One curve of a sweep: a fleet configuration whose load is raised step by step.
 *
 * @param workers worker processes in the group
 * @param engineMode {@code continuous} or {@code sequential}
 */
public record SeriesSpec(int workers, String engineMode) {
  public SeriesSpec {
    if (workers < 1) {
      throw new IllegalArgumentException("a series needs at least 1 worker, got " + workers);
    }
    if (!engineMode.equals("continuous") && !engineMode.equals("sequential")) {
      throw new IllegalArgumentException("engine mode must be continuous or sequential, got " + engineMode);
    }
  }

  /** {@code "1 worker, continuous"}, {@code "2 workers, sequential"}: the series' label in the report. */
  public String label() {
    return workers + (workers == 1 ? " worker, " : " workers, ") + engineMode;
  }

  /** A name safe in topic names: {@code w1-continuous}. */
  String slug() {
    return "w" + workers + "-" + engineMode.toLowerCase(Locale.ROOT);
  }

  /** Parses {@code 2:continuous} or {@code 1:sequential}. */
  public static SeriesSpec parse(String text) {
    String[] parts = text.strip().split(":");
    if (parts.length != 2) {
      throw new IllegalArgumentException("a series is WORKERS:MODE, such as 2:continuous, got \"" + text + "\"");
    }
    try {
      return new SeriesSpec(Integer.parseInt(parts[0]), parts[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a series' workers must be a number, got \"" + parts[0] + "\" in \"" + text
          + "\"");
    }
  }
}
