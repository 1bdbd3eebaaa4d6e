package io.dreamworker.worker.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a worker publishes, so that CloudWatch's {@code Sum} over one period counts every worker
 * exactly once. Periods are aligned to the epoch (as CloudWatch aligns them): period {@code k}
 * covers {@code [k·interval, (k+1)·interval)}. A worker publishes in the middle of each period and
 * stamps the sample with the start of the period it falls in, so a run that is late (a busy
 * machine, a slow previous call) by less than half an interval still lands in its own period,
 * and workers that started at different moments still meet in the same periods.
 *
 * @param interval the publishing interval and the period the sums are read over
 */
record PublishSchedule(Duration interval) {

  PublishSchedule {
    Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval " + interval + " must be positive");
    }
  }

  /** Time from {@code now} to the next middle of a period (zero when {@code now} is one). */
  Duration delayToNextRun(Instant now) {
    long periodNanos = interval.toNanos();
    long intoPeriod = Math.floorMod(epochNanos(now), periodNanos);
    long middle = periodNanos / 2;
    long delay = intoPeriod <= middle ? middle - intoPeriod : periodNanos - intoPeriod + middle;
    return Duration.ofNanos(delay);
  }

  /** The start of the period that {@code now} falls in: the timestamp of a sample taken now. */
  Instant periodStart(Instant now) {
    long periodNanos = interval.toNanos();
    long nanos = epochNanos(now);
    return Instant.EPOCH.plusNanos(nanos - Math.floorMod(nanos, periodNanos));
  }

  private static long epochNanos(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
  }
}
