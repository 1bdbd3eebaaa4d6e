package io.dreamworker.worker.lag;

/** The publisher of {@code lag-publisher.enabled: false}: no thread, no client, no rounds. */
enum DisabledLagPublisher implements LagPublisher {
  INSTANCE;

  @Override
  public long publishedRounds() {
    return 0;
  }

  @Override
  public long failedRounds() {
    return 0;
  }

  @Override
  public void close() {
    // Nothing was started.
  }
}
