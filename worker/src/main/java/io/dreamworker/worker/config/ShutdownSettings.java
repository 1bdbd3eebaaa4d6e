package io.dreamworker.worker.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code shutdown} section.
 *
 * @param drainTimeout on SIGTERM, how long in-flight jobs may finish before the worker commits
 *     what finished and leaves the group
 */
public record ShutdownSettings(Duration drainTimeout) {
  public ShutdownSettings {
    Objects.requireNonNull(drainTimeout, "drainTimeout");
  }
}
