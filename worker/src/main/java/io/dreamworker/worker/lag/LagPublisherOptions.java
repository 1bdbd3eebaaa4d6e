package io.dreamworker.worker.lag;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the lag publisher runs: the {@code lag-publisher.*} keys of the worker's configuration.
 *
 * @param enabled whether to publish at all ({@code lag-publisher.enabled}, default false: MSK
 *     publishes lag itself, and a worker on a laptop has no CloudWatch)
 * @param namespace the CloudWatch namespace ({@code lag-publisher.namespace}); the Terraform
 *     module's {@code metrics_namespace} must name the same one
 * @param interval time between two publications ({@code lag-publisher.interval}); keep it equal
 *     to the period of the alarms that read the metric (60 s in the Terraform module), since the
 *     workers' samples are added up per period
 * @param region the CloudWatch region ({@code lag-publisher.region}); empty: the SDK's default
 *     region chain (AWS_REGION, the profile, instance metadata)
 */
public record LagPublisherOptions(boolean enabled, String namespace, Duration interval, Optional<String> region) {

  /** The namespace the Terraform module and the dashboards read by default. */
  public static final String DEFAULT_NAMESPACE = "Dreamworker";
  /** CloudWatch's standard resolution and the scaling alarms' period. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
  /** Shorter intervals only add PutMetricData calls: standard-resolution metrics keep one value a minute. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  /** CloudWatch's limit on a namespace's length. */
  static final int MAX_NAMESPACE_LENGTH = 255;
  /** The characters CloudWatch accepts in a namespace (it refuses a leading colon). */
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9._/#\\- ][A-Za-z0-9._/#:\\- ]*");
  /** Namespaces under this prefix are AWS's own and refuse custom data. */
  private static final String RESERVED_PREFIX = "AWS/";

  public LagPublisherOptions {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(region, "region");
    if (namespace.length() > MAX_NAMESPACE_LENGTH || !NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException("lag-publisher.namespace '" + namespace + "' is not a CloudWatch namespace: use 1 to "
          + MAX_NAMESPACE_LENGTH + " letters, digits, spaces or . - _ / # : (not first), such as " + DEFAULT_NAMESPACE);
    }
    if (namespace.startsWith(RESERVED_PREFIX)) {
      throw new IllegalArgumentException("lag-publisher.namespace '" + namespace + "' starts with " + RESERVED_PREFIX
          + ", which CloudWatch keeps for AWS's own metrics: use a namespace of your own, such as " + DEFAULT_NAMESPACE);
    }
    if (interval.compareTo(MIN_INTERVAL) < 0) {
      throw new IllegalArgumentException("lag-publisher.interval " + interval + " is shorter than " + MIN_INTERVAL
          + ": use " + DEFAULT_INTERVAL.toSeconds() + "s, the period the scaling alarms read");
    }
    region = region.map(String::strip).filter(r -> !r.isEmpty());
  }

  /** The defaults: off, namespace {@value #DEFAULT_NAMESPACE}, every 60 s, the SDK's region. */
  public static LagPublisherOptions disabled() {
    return new LagPublisherOptions(false, DEFAULT_NAMESPACE, DEFAULT_INTERVAL, Optional.empty());
  }
}
