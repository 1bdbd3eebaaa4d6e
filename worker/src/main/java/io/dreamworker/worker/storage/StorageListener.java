package io.dreamworker.worker.storage;

import java.time.Duration;

/**
 * What the storage classes report for metrics ({@code dreamworker_s3_retries_total{operation}},
 * {@code dreamworker_s3_request_duration_seconds{operation,outcome}}), without depending on a
 * metrics library: the worker binds it to its registry.
 *
 * <p>Called on the thread that runs the operation, from several threads at once, so
 * implementations must be thread-safe; they must be quick and must not throw, since they run
 * between the attempts of a request.
 */
public interface StorageListener {

  /** A listener that ignores everything, for tools and tests that do not count. */
  StorageListener NONE = new StorageListener() {
    @Override
    public void retried(Operation operation, int failedAttempt, Throwable cause) {}

    @Override
    public void completed(Operation operation, Duration elapsed, Outcome outcome) {}
  };

  /**
   * An attempt failed transiently and another will follow after a backoff.
   *
   * @param failedAttempt the attempt that failed, from 1
   * @param cause why it failed
   */
  void retried(Operation operation, int failedAttempt, Throwable cause);

  /**
   * An operation ended, after all its attempts and backoffs. Not called for inputs refused
   * before any request (a bucket that is not allowed, inline base64).
   *
   * @param elapsed from the first attempt's start to the end
   */
  void completed(Operation operation, Duration elapsed, Outcome outcome);
}
