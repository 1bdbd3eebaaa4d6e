package io.dreamworker.worker.lag;

import java.time.Clock;
import java.util.Objects;

/**
 * Publishes this worker's share of its consumer group's lag to CloudWatch every interval, on a
 * daemon thread of its own, until closed. Failures (CloudWatch unreachable, access denied, a
 * {@link LagSource} that throws) are logged and counted, never thrown into the worker: a worker
 * that cannot report its lag still processes jobs.
 *
 * <p>Start it once the consumer group is known and close it when the worker stops; closing waits
 * for a round in progress (bounded by the client's call timeout).
 */
public interface LagPublisher extends AutoCloseable {

  /**
   * Starts publishing for {@code consumerGroup} when {@code options.enabled()}, with a CloudWatch
   * client of its own (the SDK's default credentials; {@code options.region()} or the SDK's region
   * chain); otherwise returns {@link #disabled()}.
   *
   * @throws IllegalStateException when publishing is enabled and no region can be found
   */
  static LagPublisher start(LagPublisherOptions options, String consumerGroup, LagSource source) {
    Objects.requireNonNull(options, "options");
    if (!options.enabled()) {
      return disabled();
    }
    return CloudWatchLagPublisher.start(options, consumerGroup, source,
        CloudWatchClientFactory.create(options.region()), true, Clock.systemUTC());
  }

  /** A publisher that publishes nothing, for {@code lag-publisher.enabled: false}. */
  static LagPublisher disabled() {
    return DisabledLagPublisher.INSTANCE;
  }

  /** Rounds whose every PutMetricData call succeeded. */
  long publishedRounds();

  /** Rounds that failed (logged at WARN with the cause). */
  long failedRounds();

  /** Stops publishing; idempotent; never throws. */
  @Override
  void close();
}
