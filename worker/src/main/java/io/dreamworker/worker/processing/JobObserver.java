package io.dreamworker.worker.processing;

import io.dreamworker.schemas.CompletionEvent.Status;
import java.time.Duration;

/**
 * What job processing reports, for metrics. Called on processing threads after the broker
 * acknowledged the job's event; implementations must be thread-safe, quick, and must not throw.
 */
public interface JobObserver {
  /** Reports nothing. */
  JobObserver NONE = new JobObserver() {};

  /**
   * A job's completion event was acknowledged.
   *
   * @param kind {@code caption}, {@code text_to_image}, {@code interleaved}, or {@code unknown} for
   *     a record that was not a job
   * @param total from the record's timestamp to the acknowledgement
   */
  default void completed(String kind, Status status, Duration total) {}

  /** A record went to the dead-letter topic with this error code. */
  default void deadLettered(String code) {}
}
