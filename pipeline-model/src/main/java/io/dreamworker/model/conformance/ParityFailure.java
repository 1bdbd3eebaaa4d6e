package io.dreamworker.model.conformance;

/**
 * A component's output is not close enough to its reference. An {@link AssertionError}, so that a
 * test framework reports it as a failure rather than an error.
 */
public final class ParityFailure extends AssertionError {
  private static final long serialVersionUID = 1L;

  public ParityFailure(String message) {
    super(message);
  }
}
