package io.dreamworker.worker.storage;

import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.ErrorInfo;

/** What writing a job's outputs gave: where they are, or which object could not be written and why. */
public sealed interface OutputResult {

  /** Every object was written; the URIs for the completion event. */
  record Written(CompletionEvent.Outputs outputs) implements OutputResult {}

  /**
   * An object could not be written, after the last retry of a transient failure or at once on a
   * permanent one; the objects after it were not attempted, {@code document.json} among them.
   *
   * @param location the object that was not written
   * @param message for a person: names the bucket and key and the cause
   * @param cause the last exception, for the log
   */
  record Failed(S3Location location, String message, Throwable cause) implements OutputResult {

    /** The job's status. */
    public CompletionEvent.Status status() {
      return StorageError.OUTPUT_WRITE_FAILED.status();
    }

    /** The error of the job's completion event: {@code OUTPUT_WRITE_FAILED} and the message. */
    public ErrorInfo info() {
      return StorageError.OUTPUT_WRITE_FAILED.info(message);
    }
  }
}
