package io.dreamworker.worker.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code shutdown} section.
 *
 * @param drainTimeout on SIGTERM, how long in-flight jobs may finish before the worker commits
 *     what finished and leaves the group
 * @param cancelTimeout how long cancelled jobs may take to stop (at a revocation, or when the drain
 *     ends) before the worker leaves them
 */
public record ShutdownSettings(Duration drainTimeout, Duration cancelTimeout) {
  public ShutdownSettings {
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    Objects.requireNonNull(cancelTimeout, "cancelTimeout");
  }
}
