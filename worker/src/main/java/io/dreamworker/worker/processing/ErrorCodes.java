package io.dreamworker.worker.processing;

/**
 * The error codes the worker adds to the schemas' decoding codes ({@code MALFORMED_JSON},
 * {@code SCHEMA_VIOLATION}, {@code UNKNOWN_TYPE}). Rejected means the job itself is wrong and
 * resending it unchanged fails again; failed means it may succeed if resent later.
 */
public final class ErrorCodes {
  /** Rejected: an input image is not a PNG/JPEG, or its dimensions exceed the limits. */
  public static final String INVALID_IMAGE = "INVALID_IMAGE";
  /** Rejected: the prompt or parameters cannot run on this bundle. */
  public static final String INVALID_INPUT = "INVALID_INPUT";
  /** Rejected: prompt plus generation exceed what the model or the KV cache can hold. */
  public static final String TOO_LARGE = "TOO_LARGE";
  /** Rejected: an S3 input is in a bucket the worker is not allowed to read. */
  public static final String INPUT_NOT_ALLOWED = "INPUT_NOT_ALLOWED";
  /** Rejected: an S3 input does not exist (or is not readable by the worker). */
  public static final String INPUT_NOT_FOUND = "INPUT_NOT_FOUND";
  /** Rejected: an input image is larger than {@code s3.max-input-image-bytes}. */
  public static final String INPUT_TOO_LARGE = "INPUT_TOO_LARGE";
  /** Failed: reading an S3 input kept failing after every retry. */
  public static final String INPUT_FETCH_FAILED = "INPUT_FETCH_FAILED";
  /** Failed: the model raised an error while running the job. */
  public static final String ENGINE_FAILED = "ENGINE_FAILED";
  /** Failed: writing the outputs to S3 kept failing after every retry. */
  public static final String OUTPUT_WRITE_FAILED = "OUTPUT_WRITE_FAILED";
  /** Failed: a defect in the worker; the message and the logs say where. */
  public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

  private ErrorCodes() {}
}
