package io.dreamworker.worker.ingest;

import java.time.Duration;
import java.util.List;

/**
 * How the consumer loop runs. Every field is a configuration key of the worker (the
 * {@code kafka.*}, {@code jobs.*} and {@code shutdown.*} sections), documented there.
 *
 * @param topics the jobs topics to subscribe to
 * @param maxInFlight records handed out and not yet settled, at most; partitions are paused at this
 *     bound and resumed below {@code resumeFraction} of it
 * @param maxInFlightCost the estimated cost of the records handed out, at most (same hysteresis)
 * @param resumeFraction the fraction of both bounds below which paused partitions resume, in (0, 1]
 * @param pollTimeout the longest one poll blocks when nothing else is due
 * @param commitInterval the shortest time between two commits: settled jobs and newly started
 *     records wait for the next commit at most this long, and the commits per second stay bounded
 * @param attemptTimeout how long one attempt at a record may run before it is cancelled (and tried
 *     again while it has attempts left)
 * @param maxAttempts attempts a record gets, counting attempts whose worker died, before it fails
 * @param drainTimeout on shutdown, how long in-flight jobs may take to finish before they are
 *     cancelled (their records are then redone by the partition's next owner)
 * @param cancelTimeout how long a revocation (or the end of a drain) waits for cancelled jobs to
 *     stop, so that a job's late uploads do not land after the next owner's
 * @param maxMetadataChars the broker's {@code offset.metadata.max.bytes}: partitions stop taking
 *     new records while their commit metadata would not fit
 */
public record ConsumerLoopSettings(List<String> topics, int maxInFlight, long maxInFlightCost, double resumeFraction,
    Duration pollTimeout, Duration commitInterval, Duration attemptTimeout, int maxAttempts, Duration drainTimeout,
    Duration cancelTimeout, int maxMetadataChars) {

  /** Short enough that completions and resumes are applied promptly, long enough not to spin. */
  public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(100);
  /** At most ten commits (transactions) a second, each adding at most this to a job's latency. */
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);
  /** Resume at three quarters of the bounds. */
  public static final double DEFAULT_RESUME_FRACTION = 0.75;
  /** Cancelling takes effect at the engine's next step or between two uploads: well within this. */
  public static final Duration DEFAULT_CANCEL_TIMEOUT = Duration.ofSeconds(5);

  public ConsumerLoopSettings {
    topics = List.copyOf(topics);
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("topics must name at least one jobs topic");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
    }
    if (maxInFlightCost < 1) {
      throw new IllegalArgumentException("maxInFlightCost must be at least 1, got " + maxInFlightCost);
    }
    if (!(resumeFraction > 0 && resumeFraction <= 1)) {
      throw new IllegalArgumentException("resumeFraction must be in (0, 1], got " + resumeFraction);
    }
    positive(pollTimeout, "pollTimeout");
    notNegative(commitInterval, "commitInterval");
    positive(attemptTimeout, "attemptTimeout");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    notNegative(drainTimeout, "drainTimeout");
    notNegative(cancelTimeout, "cancelTimeout");
    if (maxMetadataChars < 64) {
      throw new IllegalArgumentException("maxMetadataChars must be at least 64, got " + maxMetadataChars);
    }
  }

  /** The defaults of every bound, for {@code topics}: what an empty configuration file gives. */
  public static ConsumerLoopSettings defaults(List<String> topics) {
    return new ConsumerLoopSettings(topics, 64, 1_000_000, DEFAULT_RESUME_FRACTION, DEFAULT_POLL_TIMEOUT,
        DEFAULT_COMMIT_INTERVAL, Duration.ofMinutes(10), 3, Duration.ofSeconds(60), DEFAULT_CANCEL_TIMEOUT, 4096);
  }

  public ConsumerLoopSettings withMaxInFlight(int jobs, long cost) {
    return new ConsumerLoopSettings(topics, jobs, cost, resumeFraction, pollTimeout, commitInterval, attemptTimeout,
        maxAttempts, drainTimeout, cancelTimeout, maxMetadataChars);
  }

  public ConsumerLoopSettings withTimes(Duration poll, Duration commit, Duration drain, Duration cancel) {
    return new ConsumerLoopSettings(topics, maxInFlight, maxInFlightCost, resumeFraction, poll, commit, attemptTimeout,
        maxAttempts, drain, cancel, maxMetadataChars);
  }

  public ConsumerLoopSettings withAttempts(int max, Duration timeout) {
    return new ConsumerLoopSettings(topics, maxInFlight, maxInFlightCost, resumeFraction, pollTimeout, commitInterval,
        timeout, max, drainTimeout, cancelTimeout, maxMetadataChars);
  }

  public ConsumerLoopSettings withMaxMetadataChars(int chars) {
    return new ConsumerLoopSettings(topics, maxInFlight, maxInFlightCost, resumeFraction, pollTimeout, commitInterval,
        attemptTimeout, maxAttempts, drainTimeout, cancelTimeout, chars);
  }

  private static void positive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, got " + d);
    }
  }

  private static void notNegative(Duration d, String name) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + d);
    }
  }
}
