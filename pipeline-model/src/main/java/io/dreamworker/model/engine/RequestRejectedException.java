package io.dreamworker.model.engine;

/**
 * A request the engine refuses at submit: invalid input (an image that is not a PNG or JPEG within
 * the limits, a prompt that does not fit the model) or one too large for the configured limits.
 * The message names the value, the limit and the fix; nothing was queued.
 */
public final class RequestRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why, in a form a producer can branch on. */
  public enum Reason {
    INVALID_IMAGE,
    INVALID_INPUT,
    TOO_LARGE,
    ENGINE_CLOSED
  }

  private final Reason reason;

  public RequestRejectedException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public RequestRejectedException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
