package io.dreamworker.loadtest.chaos;

import io.dreamworker.loadtest.workload.WorkloadMix;
import java.time.Duration;
import java.util.Objects;

/**
 * What a chaos run does: how many workers, jobs and poison jobs, and how many of each disruption,
 * spread at random (from {@code seed}) over the run.
 *
 * @param workers workers started at first; the fleet grows to {@code workers + 1} and shrinks to 1
 * @param jobs well-formed jobs, sent at a steady rate while the disruptions happen
 * @param kills workers SIGKILLed (no drain, no commit: a spot instance that vanishes), each
 *     restarted after up to {@code restartDelay}, under the same id or a new one
 * @param terminations workers SIGTERMed (drain, commit, leave), then restarted
 * @param scaleOuts workers added to the group
 * @param scaleIns workers SIGTERMed for good
 * @param crashingJobs poison jobs that crash the worker that runs them
 * @param failingJobs poison jobs whose generation the engine fails
 * @param hangingJobs poison jobs that never finish (until their attempt times out)
 * @param meanInterval the mean time between two disruptions (exponentially distributed)
 * @param restartDelay the longest wait before a killed or stopped worker is restarted
 * @param jobsPartitions partitions of the jobs topic
 * @param maxAttempts the workers' {@code jobs.max-attempts}
 * @param attemptTimeout the workers' {@code jobs.attempt-timeout} (how long a hanging job hangs)
 * @param settleTimeout after the last disruption, how long every job may take to complete
 * @param mix the well-formed jobs' kinds and sizes
 * @param seed fixes the jobs, the disruptions and their timing
 */
public record ChaosPlan(int workers, int jobs, int kills, int terminations, int scaleOuts, int scaleIns,
    int crashingJobs, int failingJobs, int hangingJobs, Duration meanInterval, Duration restartDelay,
    int jobsPartitions, int maxAttempts, Duration attemptTimeout, Duration settleTimeout, WorkloadMix mix,
    long seed) {

  /**
   * How long an attempt may run in a chaos run: long enough that jobs waiting behind a backlog on
   * a few shared cores are not taken for hung ones (a job took up to 30 s end to end in a full run
   * here), short enough that a hanging poison job is given up within minutes.
   */
  static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(20);

  public ChaosPlan {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
    if (jobs < 1) {
      throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
    }
    for (int n : new int[] {kills, terminations, scaleOuts, scaleIns, crashingJobs, failingJobs, hangingJobs}) {
      if (n < 0) {
        throw new IllegalArgumentException("counts of disruptions and poison jobs must not be negative, got " + n);
      }
    }
    if (jobsPartitions < 1) {
      throw new IllegalArgumentException("jobsPartitions must be at least 1, got " + jobsPartitions);
    }
    if (crashingJobs > 0 && maxAttempts < 2) {
      throw new IllegalArgumentException("crashing jobs need maxAttempts of at least 2 (the first attempt is"
          + " in flight with others when it crashes them), got " + maxAttempts);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    Objects.requireNonNull(meanInterval, "meanInterval");
    Objects.requireNonNull(restartDelay, "restartDelay");
    Objects.requireNonNull(attemptTimeout, "attemptTimeout");
    Objects.requireNonNull(settleTimeout, "settleTimeout");
    Objects.requireNonNull(mix, "mix");
  }

  /** The on-demand run: 2,000 jobs, 20 kills, and every other disruption and poison a few times. */
  public static ChaosPlan full() {
    return new ChaosPlan(3, 2000, 20, 3, 3, 3, 1, 1, 1, Duration.ofSeconds(3), Duration.ofSeconds(2), 6, 4,
        ATTEMPT_TIMEOUT, Duration.ofMinutes(10), WorkloadMix.small(), 1);
  }

  /** The run CI makes: a couple of minutes, each kind of disruption and poison at least once. */
  public static ChaosPlan quick() {
    return new ChaosPlan(2, 150, 3, 1, 1, 1, 1, 1, 1, Duration.ofSeconds(3), Duration.ofSeconds(1), 4, 3,
        ATTEMPT_TIMEOUT.dividedBy(2), Duration.ofMinutes(5), WorkloadMix.small(), 1);
  }

  /** Disruptions in all. */
  public int disruptions() {
    return kills + terminations + scaleOuts + scaleIns;
  }

  /** Poison jobs in all. */
  public int poisonJobs() {
    return crashingJobs + failingJobs + hangingJobs;
  }

  public ChaosPlan withScale(int workers, int jobs, int kills) {
    return new ChaosPlan(workers, jobs, kills, terminations, scaleOuts, scaleIns, crashingJobs, failingJobs,
        hangingJobs, meanInterval, restartDelay, jobsPartitions, maxAttempts, attemptTimeout, settleTimeout, mix, seed);
  }

  public ChaosPlan withDisruptions(int terminations, int scaleOuts, int scaleIns, Duration meanInterval) {
    return new ChaosPlan(workers, jobs, kills, terminations, scaleOuts, scaleIns, crashingJobs, failingJobs,
        hangingJobs, meanInterval, restartDelay, jobsPartitions, maxAttempts, attemptTimeout, settleTimeout, mix, seed);
  }

  public ChaosPlan withPoison(int crashing, int failing, int hanging) {
    return new ChaosPlan(workers, jobs, kills, terminations, scaleOuts, scaleIns, crashing, failing, hanging,
        meanInterval, restartDelay, jobsPartitions, maxAttempts, attemptTimeout, settleTimeout, mix, seed);
  }

  public ChaosPlan withSeed(long seed) {
    return new ChaosPlan(workers, jobs, kills, terminations, scaleOuts, scaleIns, crashingJobs, failingJobs,
        hangingJobs, meanInterval, restartDelay, jobsPartitions, maxAttempts, attemptTimeout, settleTimeout, mix, seed);
  }
}
