package io.dreamworker.loadtest.load;

import java.util.Arrays;

/**
 * The rate a batch of jobs sent at once was completed at, over the middle of its completions: from
 * the completion at {@value #FROM} of them to the one at {@value #TO}. The first completions come
 * late (the engine fills its batches first) and the last ones alone (a fleet's last jobs on one
 * worker, an engine's last ones in a thin batch): counting from the first send to the last event
 * would measure those edges as much as the rate. The worker's bulk run and the engine baseline use
 * the same measure, so their ratio compares the sustained rates alone.
 */
final class SustainedRate {
  /** Where the counted span starts, as a fraction of the completions. */
  static final double FROM = 0.1;
  /** Where it ends. */
  static final double TO = 0.9;

  private SustainedRate() {}

  /**
   * Jobs per second between the two completions.
   *
   * @param completionNanos each job's completion time (any origin), in any order
   * @throws IllegalArgumentException with fewer than 10 completions, too few to leave edges out
   */
  static double of(long[] completionNanos) {
    if (completionNanos.length < 10) {
      throw new IllegalArgumentException("a sustained rate needs at least 10 completions, got " + completionNanos.length);
    }
    long[] sorted = completionNanos.clone();
    Arrays.sort(sorted);
    int from = (int) Math.floor(FROM * (sorted.length - 1));
    int to = (int) Math.ceil(TO * (sorted.length - 1));
    double seconds = (sorted[to] - sorted[from]) / 1e9;
    return seconds <= 0 ? Double.POSITIVE_INFINITY : (to - from) / seconds;
  }
}
