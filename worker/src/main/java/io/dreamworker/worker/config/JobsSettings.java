package io.dreamworker.worker.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code jobs} section: how often and how long a job is tried.
 *
 * @param maxAttempts attempts a job gets before it fails; attempts whose worker died count
 * @param attemptTimeout how long one attempt may run before it is cancelled
 */
public record JobsSettings(int maxAttempts, Duration attemptTimeout) {
  public JobsSettings {
    Objects.requireNonNull(attemptTimeout, "attemptTimeout");
  }
}
