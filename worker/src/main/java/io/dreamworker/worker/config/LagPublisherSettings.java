package io.dreamworker.worker.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code lag-publisher} section: the consumer group's lag as a CloudWatch metric, for
 * autoscaling on it.
 *
 * @param enabled whether to publish at all
 * @param namespace CloudWatch namespace of the metric
 * @param interval time between two publications
 * @param region AWS region of CloudWatch; empty takes the SDK's default region chain
 */
public record LagPublisherSettings(boolean enabled, String namespace, Duration interval, Optional<String> region) {
  public LagPublisherSettings {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(region, "region");
  }
}
