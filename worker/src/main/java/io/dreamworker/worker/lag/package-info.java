/**
 * Publishes the worker's share of its consumer group's lag to CloudWatch, so that an autoscaling
 * group can scale on backlog with any Kafka, not only with MSK (whose own lag metrics cover MSK
 * alone). Off by default ({@code lag-publisher.enabled}).
 *
 * <p>Every worker publishes the lag of the partitions it owns, once per interval, at the middle of
 * the interval and stamped with the interval's start; CloudWatch's {@code Sum} over a period equal
 * to the interval then adds the workers' shares into the group's total. The metric and dimension
 * names are in {@link io.dreamworker.worker.lag.LagMetrics}; the Terraform module under
 * {@code deploy/terraform} reads the same names, and {@code deploy/checks} keeps the two in step.
 *
 * <p>The package never touches the Kafka consumer: the consumer loop hands it a
 * {@link io.dreamworker.worker.lag.LagSource}.
 */
package io.dreamworker.worker.lag;
