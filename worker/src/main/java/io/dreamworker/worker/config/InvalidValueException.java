package io.dreamworker.worker.config;

/**
 * A configuration value that does not parse as its key's type. Checked, because every caller is
 * the loader, which turns it into one line of a {@link ConfigException} naming the key.
 */
public final class InvalidValueException extends Exception {
  /** @param message what is wrong with the value and how to write it instead */
  public InvalidValueException(String message) {
    super(message);
  }
}
