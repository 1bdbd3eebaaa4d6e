package io.dreamworker.worker.ingest;

import java.time.Duration;
import java.util.List;

/**
 * How the consumer loop runs.
 *
 * @param topics the jobs topics to subscribe to
 * @param maxInFlight records handed out and not yet settled, at most; partitions are paused at this
 *     bound and resumed below it
 * @param pollTimeout the longest one poll blocks; completions are applied between polls, so this is
 *     also the longest delay before a finished job's offset is committed or a paused partition resumes
 * @param drainTimeout on shutdown, how long in-flight jobs may take to finish before they are
 *     cancelled (their records are then redone by the partition's next owner)
 */
public record ConsumerLoopSettings(List<String> topics, int maxInFlight, Duration pollTimeout, Duration drainTimeout) {

  /** Short enough that completions and resumes are applied promptly, long enough not to spin. */
  public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(100);

  public ConsumerLoopSettings {
    topics = List.copyOf(topics);
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("topics must name at least one jobs topic");
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
    }
    if (pollTimeout.isNegative() || pollTimeout.isZero()) {
      throw new IllegalArgumentException("pollTimeout must be positive, got " + pollTimeout);
    }
    if (drainTimeout.isNegative()) {
      throw new IllegalArgumentException("drainTimeout must not be negative, got " + drainTimeout);
    }
  }
}
