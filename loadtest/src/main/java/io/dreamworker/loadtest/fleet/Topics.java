package io.dreamworker.loadtest.fleet;

import java.util.Objects;

/**
 * The topics and group a harness runs workers on.
 *
 * @param jobsPartitions partitions of the jobs topic: several, so that jobs settle out of order
 *     and a group of workers shares them
 */
public record Topics(String jobs, String events, String deadLetters, String group, int jobsPartitions) {
  public Topics {
    Objects.requireNonNull(jobs, "jobs");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(deadLetters, "deadLetters");
    Objects.requireNonNull(group, "group");
    if (jobsPartitions < 1) {
      throw new IllegalArgumentException("jobsPartitions must be at least 1, got " + jobsPartitions);
    }
  }

  /** {@code name.jobs}, {@code name.events}, {@code name.dlq} and group {@code name.group}. */
  public static Topics named(String name, int jobsPartitions) {
    return new Topics(name + ".jobs", name + ".events", name + ".dlq", name + ".group", jobsPartitions);
  }
}
