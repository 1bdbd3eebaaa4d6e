package io.dreamworker.worker.storage;

import java.util.Locale;

/** How one storage operation (all its attempts) ended, as metrics label it. */
public enum Outcome {
  /** The object was read or written. */
  SUCCEEDED,
  /** A permanent answer about the input (missing, access denied, too large): not retried, the job is rejected. */
  REJECTED,
  /** Transient failures outlasted the last attempt, or S3 refused a write: the job fails. */
  FAILED;

  /** The metric label: {@code succeeded}, {@code rejected} or {@code failed}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
