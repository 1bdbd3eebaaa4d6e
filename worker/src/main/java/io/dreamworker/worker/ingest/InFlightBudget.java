package io.dreamworker.worker.ingest;

/**
 * How much work the consumer loop has handed out, by job count and by estimated cost, and whether
 * it may hand out more: the loop's flow control.
 *
 * <p>Hysteresis: once either bound is reached the budget is <em>full</em> and stays full until the
 * count has fallen to {@code resumeJobs} and the cost to {@code resumeCost}. Without it, a loop at
 * its bound would pause and resume its partitions on every job that finishes, and each resume
 * refetches a batch of records only to hand most of them back.
 *
 * <p>A job is admitted whenever the budget is not full, whatever its own cost: a job that alone
 * costs more than the bound still runs (alone), rather than never.
 *
 * <p>Not thread-safe: owned by the consumer thread.
 */
final class InFlightBudget {
  private final int maxJobs;
  private final long maxCost;
  private final int resumeJobs;
  private final long resumeCost;

  private int jobs;
  private long cost;
  private boolean full;

  /**
   * @param maxJobs jobs at which the budget fills, at least 1
   * @param maxCost estimated cost at which the budget fills, at least 1
   * @param resumeFraction the fraction of both bounds below which a full budget has room again, in
   *     (0, 1]; 1 resumes as soon as one job ends
   */
  InFlightBudget(int maxJobs, long maxCost, double resumeFraction) {
    if (maxJobs < 1 || maxCost < 1) {
      throw new IllegalArgumentException("maxJobs and maxCost must be at least 1, got " + maxJobs + " and " + maxCost);
    }
    if (!(resumeFraction > 0 && resumeFraction <= 1)) {
      throw new IllegalArgumentException("resumeFraction must be in (0, 1], got " + resumeFraction);
    }
    this.maxJobs = maxJobs;
    this.maxCost = maxCost;
    // Below the bound by at least one job, or a full budget would never have room again.
    this.resumeJobs = Math.min(maxJobs - 1, (int) Math.floor(maxJobs * resumeFraction));
    this.resumeCost = Math.min(maxCost - 1, (long) Math.floor(maxCost * resumeFraction));
  }

  /** Whether another job may be handed out now. */
  boolean hasRoom() {
    return !full;
  }

  /** A job was handed out, with its cost as far as it is known. */
  void add(long jobCost) {
    checkCost(jobCost);
    jobs++;
    cost += jobCost;
    update();
  }

  /** A handed-out job's cost became known (or changed). */
  void reweigh(long from, long to) {
    checkCost(from);
    checkCost(to);
    cost += to - from;
    update();
  }

  /** A job ended (or was taken back), with the cost it was counted at. */
  void remove(long jobCost) {
    checkCost(jobCost);
    if (jobs == 0 || cost < jobCost) {
      throw new IllegalStateException("removing a job of cost " + jobCost + " from " + jobs + " jobs of cost " + cost);
    }
    jobs--;
    cost -= jobCost;
    update();
  }

  int jobs() {
    return jobs;
  }

  long cost() {
    return cost;
  }

  private void update() {
    if (jobs >= maxJobs || cost >= maxCost) {
      full = true;
    } else if (full && jobs <= resumeJobs && cost <= resumeCost) {
      full = false;
    }
  }

  private static void checkCost(long jobCost) {
    if (jobCost < 0) {
      throw new IllegalArgumentException("a job's cost must not be negative, got " + jobCost);
    }
  }

  @Override
  public String toString() {
    return "InFlightBudget[jobs=" + jobs + "/" + maxJobs + ", cost=" + cost + "/" + maxCost + (full ? ", full" : "") + "]";
  }
}
