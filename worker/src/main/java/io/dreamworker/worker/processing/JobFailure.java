package io.dreamworker.worker.processing;

import io.dreamworker.schemas.CompletionEvent.Status;
import io.dreamworker.schemas.ErrorInfo;

/**
 * A job that ends without outputs, thrown by a processing step to end the job's chain early and
 * caught where its completion event is made. Carries its status ({@code rejected} or {@code failed})
 * and the error a producer can act on.
 */
public final class JobFailure extends RuntimeException {
  private final Status status;
  private final ErrorInfo error;

  private JobFailure(Status status, String code, String message, Throwable cause) {
    super(code + ": " + message, cause, false, false);
    if (status == Status.SUCCEEDED) {
      throw new IllegalArgumentException("a failure's status must be failed or rejected");
    }
    this.status = status;
    this.error = new ErrorInfo(code, message);
  }

  /** A failure whose status and error were decided elsewhere (such as by storage). */
  public static JobFailure of(Status status, ErrorInfo error, Throwable cause) {
    return new JobFailure(status, error.code(), error.message(), cause);
  }

  /** The job itself is wrong: resending it unchanged fails again. */
  public static JobFailure rejected(String code, String message) {
    return new JobFailure(Status.REJECTED, code, message, null);
  }

  /** The job could not be done now; resending it later may succeed. */
  public static JobFailure failed(String code, String message, Throwable cause) {
    return new JobFailure(Status.FAILED, code, message, cause);
  }

  public Status status() {
    return status;
  }

  public ErrorInfo error() {
    return error;
  }
}
