package io.dreamworker.model.engine;

/**
 * The engine failed while running a request (a model error, or the engine closed under it). The
 * batch's other requests are failed too when the error cannot be pinned on one of them.
 */
public final class EngineFailureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EngineFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}
