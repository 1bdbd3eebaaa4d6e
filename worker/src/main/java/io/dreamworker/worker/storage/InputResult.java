package io.dreamworker.worker.storage;

import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.ErrorInfo;
import java.util.Optional;

/**
 * What resolving a job's input images gave: the bytes, or why not. Expected outcomes are values
 * here, not exceptions, so that the caller handles each one (see {@link StorageError} for the
 * codes).
 *
 * @param <T> what was loaded: one image's bytes, or all of a job's
 */
public sealed interface InputResult<T> {

  /** The input was read. */
  record Loaded<T>(T value) implements InputResult<T> {}

  /**
   * The input was not read.
   *
   * @param error the code; its {@link StorageError#status()} is the job's status
   * @param message for a person: names the input, the bucket or key, and what to change
   * @param cause the exception behind it, if any, for the log
   */
  record Failed<T>(StorageError error, String message, Optional<Throwable> cause) implements InputResult<T> {
    public Failed {
      if (error == null || message == null || cause == null) {
        throw new IllegalArgumentException("error, message and cause must not be null");
      }
    }

    /** The job's status: rejected for a fault of the input, failed for one of storage. */
    public CompletionEvent.Status status() {
      return error.status();
    }

    /** The error of the job's completion event. */
    public ErrorInfo info() {
      return error.info(message);
    }

    /** The same failure, its message prefixed with where in the job it happened. */
    <U> Failed<U> in(String where) {
      return new Failed<>(error, where + ": " + message, cause);
    }
  }
}
