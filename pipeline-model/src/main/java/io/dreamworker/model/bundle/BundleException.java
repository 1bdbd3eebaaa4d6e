package io.dreamworker.model.bundle;

/**
 * A model bundle that cannot be used: a missing or malformed {@code bundle.json}, a component
 * config the code does not support, a missing or mismatched tensor. The message names the bundle
 * directory, the offending key or tensor, and what was expected.
 */
public final class BundleException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BundleException(String message) {
    super(message);
  }

  public BundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
