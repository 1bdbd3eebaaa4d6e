package io.dreamworker.model.training;

/** A training run produced a non-finite loss or gradient; the message names the step and the fix. */
public final class TrainingDivergedException extends RuntimeException {
  public TrainingDivergedException(String message) {
    super(message);
  }
}
