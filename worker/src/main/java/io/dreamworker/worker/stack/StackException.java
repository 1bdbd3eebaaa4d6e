package io.dreamworker.worker.stack;

/**
 * The embedded stack could not do what was asked: its servers are not built, one did not start in
 * time or exited, or an administrative request failed. The message names the server, what was
 * expected, and (for a server that failed) the tail of its log file and the file's path.
 */
public final class StackException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StackException(String message) {
    super(message);
  }

  public StackException(String message, Throwable cause) {
    super(message, cause);
  }
}
