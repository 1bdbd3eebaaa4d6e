package io.dreamworker.loadtest.report;

/**
 * How a step offered its load, which decides what {@link Load#offered()} counts.
 *
 * <p>Open loop is what production traffic does (jobs arrive whether or not the fleet keeps up), so
 * its latencies include the queueing a saturated fleet builds; closed loop measures the throughput
 * a fixed number of outstanding jobs can reach, and hides that queueing by waiting.
 */
public enum LoadMode {
  /** Jobs submitted at a fixed rate, whatever the completions: offered is that rate in jobs/s. */
  OPEN_LOOP,
  /** A fixed number of jobs kept in flight, each completion submitting the next: offered is that number. */
  CLOSED_LOOP;

  /** The offered load with its unit: {@code "4.00 jobs/s"} or {@code "8 in flight"}. */
  public String formatOffered(double offered) {
    return switch (this) {
      case OPEN_LOOP -> Units.throughput(offered);
      case CLOSED_LOOP -> Units.count(Math.round(offered)) + " in flight";
    };
  }

  /** The heading of a column of offered loads. */
  public String offeredHeading() {
    return switch (this) {
      case OPEN_LOOP -> "offered (jobs/s)";
      case CLOSED_LOOP -> "in flight";
    };
  }

  /** The offered load as a table cell under {@link #offeredHeading()}, without its unit. */
  public String formatOfferedValue(double offered) {
    return switch (this) {
      case OPEN_LOOP -> Units.jobsPerSecond(offered);
      case CLOSED_LOOP -> Units.count(Math.round(offered));
    };
  }
}
