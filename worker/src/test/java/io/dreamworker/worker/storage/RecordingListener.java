package io.dreamworker.worker.storage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link StorageListener} that keeps what it is told, as strings the tests compare. */
final class RecordingListener implements StorageListener {

  private final List<String> retries = new CopyOnWriteArrayList<>();
  private final List<String> completions = new CopyOnWriteArrayList<>();

  @Override
  public void retried(Operation operation, int failedAttempt, Throwable cause) {
    retries.add(operation.label() + "#" + failedAttempt + ":" + TransientFailures.describe(cause));
  }

  @Override
  public void completed(Operation operation, Duration elapsed, Outcome outcome) {
    if (elapsed.isNegative()) {
      throw new AssertionError("negative duration " + elapsed);
    }
    completions.add(operation.label() + ":" + outcome.label());
  }

  /** {@code operation#failedAttempt:cause}, in order. */
  List<String> retries() {
    return List.copyOf(retries);
  }

  /** {@code operation:outcome}, in order. */
  List<String> completions() {
    return List.copyOf(completions);
  }
}
