package io.dreamworker.model.weights;

import java.io.IOException;

/**
 * A safetensors file that cannot be read as such: truncated, with an inconsistent header, or with
 * offsets outside the file. The message names the file and, where there is one, the tensor.
 */
public final class SafetensorsException extends IOException {
  private static final long serialVersionUID = 1L;

  public SafetensorsException(String message) {
    super(message);
  }

  public SafetensorsException(String message, Throwable cause) {
    super(message, cause);
  }
}
