package io.dreamworker.loadtest.report;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One point of a step's timeline, taken by the driver every few seconds.
 *
 * @param at time since the step began (its warm-up included)
 * @param inFlight jobs submitted and not yet completed
 * @param consumerLag records on the jobs topic not yet consumed by the workers' group
 * @param completedPerSecond completions per second over the window since the previous sample
 * @param p95Ms p95 end-to-end latency of the jobs completed in that window; {@code NaN} when none
 *     completed
 * @param meanBatchRows mean rows per batch of each engine stage in that window; a stage that ran no
 *     batch is left out
 */
public record Sample(Duration at, int inFlight, long consumerLag, double completedPerSecond, double p95Ms,
    Map<String, Double> meanBatchRows) {

  public Sample {
    Objects.requireNonNull(at, "sample at");
    if (at.isNegative()) {
      throw new IllegalArgumentException("sample at must not be negative, got " + at);
    }
    Checks.nonNegative(inFlight, "sample inFlight");
    Checks.nonNegative(consumerLag, "sample consumerLag");
    Checks.finiteNonNegative(completedPerSecond, "sample completedPerSecond");
    if (!Double.isNaN(p95Ms)) {
      Checks.finiteNonNegative(p95Ms, "sample p95Ms");
    }
    meanBatchRows = Checks.finiteNonNegativeValues(meanBatchRows, "sample meanBatchRows");
  }
}
