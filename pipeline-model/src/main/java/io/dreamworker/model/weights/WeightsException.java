package io.dreamworker.model.weights;

/**
 * A component asked for a tensor that its source lacks, or has with another shape, or that could
 * not be read. The message names the tensor and both shapes.
 */
public final class WeightsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WeightsException(String message) {
    super(message);
  }

  public WeightsException(String message, Throwable cause) {
    super(message, cause);
  }
}
