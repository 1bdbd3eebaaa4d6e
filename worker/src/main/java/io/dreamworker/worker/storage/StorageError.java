package io.dreamworker.worker.storage;

import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.ErrorInfo;

/**
 * The error codes of storage, as they appear in completion events, with the status each implies:
 * {@code rejected} when the job's own input is at fault (redoing it gives the same answer),
 * {@code failed} when storage failed the job.
 */
public enum StorageError {
  /** An {@code s3_uri} that is not {@code s3://bucket/key}. */
  INPUT_INVALID_URI(CompletionEvent.Status.REJECTED),
  /** An {@code s3_uri} in a bucket that {@code s3.allowed-input-buckets} does not list. */
  INPUT_NOT_ALLOWED(CompletionEvent.Status.REJECTED),
  /** No such object (or no such bucket). */
  INPUT_NOT_FOUND(CompletionEvent.Status.REJECTED),
  /** S3 refused to let the worker read the object; S3 also answers so for a missing key when the worker may not list the bucket. */
  INPUT_ACCESS_DENIED(CompletionEvent.Status.REJECTED),
  /** S3 refused the read for another reason of the object's (such as an archived storage class). */
  INPUT_UNREADABLE(CompletionEvent.Status.REJECTED),
  /** An input larger than {@code s3.max-input-image-bytes}. */
  INPUT_TOO_LARGE(CompletionEvent.Status.REJECTED),
  /** Inline {@code base64} that does not decode. */
  INPUT_INVALID_BASE64(CompletionEvent.Status.REJECTED),
  /** Reading an input failed after the last retry, or for a reason of the worker's (such as no credentials). */
  INPUT_FETCH_FAILED(CompletionEvent.Status.FAILED),
  /** Writing an output failed after the last retry, or S3 refused the write. */
  OUTPUT_WRITE_FAILED(CompletionEvent.Status.FAILED);

  private final CompletionEvent.Status status;

  StorageError(CompletionEvent.Status status) {
    this.status = status;
  }

  /** The status of the job's completion event: {@code REJECTED} or {@code FAILED}. */
  public CompletionEvent.Status status() {
    return status;
  }

  /** The event's error: this code and the message. */
  public ErrorInfo info(String message) {
    return new ErrorInfo(name(), message);
  }
}
