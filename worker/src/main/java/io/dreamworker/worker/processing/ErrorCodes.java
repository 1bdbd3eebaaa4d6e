package io.dreamworker.worker.processing;

/**
 * The error codes the worker adds to the schemas' decoding codes ({@code MALFORMED_JSON},
 * {@code SCHEMA_VIOLATION}, {@code UNKNOWN_TYPE}) and to storage's ({@code INPUT_*},
 * {@code OUTPUT_WRITE_FAILED}: see {@link io.dreamworker.worker.storage.StorageError}). Rejected means the job itself is wrong and
 * resending it unchanged fails again; failed means it may succeed if resent later.
 */
public final class ErrorCodes {
  /** Rejected: an input image is not a PNG/JPEG, or its dimensions exceed the limits. */
  public static final String INVALID_IMAGE = "INVALID_IMAGE";
  /** Rejected: the prompt or parameters cannot run on this bundle. */
  public static final String INVALID_INPUT = "INVALID_INPUT";
  /** Rejected: prompt plus generation exceed what the model or the KV cache can hold. */
  public static final String TOO_LARGE = "TOO_LARGE";
  /** Failed: the model raised an error while running the job. */
  public static final String ENGINE_FAILED = "ENGINE_FAILED";
  /**
   * Failed: every attempt the job had ended with its worker gone (crashed, killed, cut off from the
   * cluster) before it finished; the job is not run again, since it may be what stops them.
   */
  public static final String WORKERS_LOST = "WORKERS_LOST";
  /** Failed: the job's last attempt ran longer than {@code jobs.attempt-timeout}. */
  public static final String TIMED_OUT = "TIMED_OUT";
  /** Failed: a defect in the worker; the message and the logs say where. */
  public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

  private ErrorCodes() {}
}
