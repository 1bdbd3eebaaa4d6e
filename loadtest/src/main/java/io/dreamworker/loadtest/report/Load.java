package io.dreamworker.loadtest.report;

import java.time.Duration;
import java.util.Objects;

/**
 * The load one step offered, and for how long. Kept apart from what the step achieved, so that the
 * offered and the achieved rate (both jobs/s in open loop) cannot be swapped by position.
 *
 * @param mode open or closed loop
 * @param offered open loop: the target rate in jobs/s; closed loop: the number of jobs kept in
 *     flight (a whole number)
 * @param warmup how long the load ran before measuring began (its jobs are not counted)
 * @param measured the measurement window the step's figures cover
 */
public record Load(LoadMode mode, double offered, Duration warmup, Duration measured) {

  public Load {
    Objects.requireNonNull(mode, "load mode");
    if (!Double.isFinite(offered) || offered <= 0) {
      throw new IllegalArgumentException("load offered must be a finite number > 0, got " + offered);
    }
    if (mode == LoadMode.CLOSED_LOOP && offered != Math.rint(offered)) {
      throw new IllegalArgumentException("load offered " + offered
          + " is not a whole number of jobs in flight; closed loop offers a concurrency such as 4");
    }
    Objects.requireNonNull(warmup, "load warmup");
    Objects.requireNonNull(measured, "load measured");
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("load warmup must not be negative, got " + warmup);
    }
    if (measured.isNegative() || measured.isZero()) {
      throw new IllegalArgumentException("load measured must be > 0, got " + measured);
    }
  }

  /** Warm-up and measurement window together: how long the step offered load. */
  public Duration span() {
    return warmup.plus(measured);
  }
}
