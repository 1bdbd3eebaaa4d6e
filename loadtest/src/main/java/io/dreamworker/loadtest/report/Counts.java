package io.dreamworker.loadtest.report;

/**
 * What became of the jobs of one step's measurement window. Every job submitted in the window is
 * followed until the sweep's drain ends; its completion event (the worker's {@code succeeded},
 * {@code failed} or {@code rejected}) makes it completed, counted once however many events came.
 *
 * @param submitted jobs produced to the jobs topic in the window
 * @param completed jobs whose completion event arrived: {@code succeeded + failed + rejected}
 * @param succeeded completed with status {@code succeeded}
 * @param failed completed with status {@code failed}: a valid job the worker could not finish
 * @param rejected completed with status {@code rejected}: a record the worker refused as invalid
 * @param timedOut jobs whose completion event had not arrived by the job's deadline
 * @param lost jobs with no completion event at all, even after the drain (so never completed)
 * @param duplicated completed jobs that received more than one completion event
 */
public record Counts(long submitted, long completed, long succeeded, long failed, long rejected, long timedOut,
    long lost, long duplicated) {

  public Counts {
    Checks.nonNegative(submitted, "counts.submitted");
    Checks.nonNegative(completed, "counts.completed");
    Checks.nonNegative(succeeded, "counts.succeeded");
    Checks.nonNegative(failed, "counts.failed");
    Checks.nonNegative(rejected, "counts.rejected");
    Checks.nonNegative(timedOut, "counts.timedOut");
    Checks.nonNegative(lost, "counts.lost");
    Checks.nonNegative(duplicated, "counts.duplicated");
    if (completed > submitted) {
      throw new IllegalArgumentException("counts.completed " + completed + " exceeds counts.submitted " + submitted
          + ": completed counts distinct submitted jobs; count repeated events in duplicated");
    }
    if (succeeded + failed + rejected != completed) {
      throw new IllegalArgumentException("counts.completed " + completed + " differs from succeeded " + succeeded
          + " + failed " + failed + " + rejected " + rejected + " = " + (succeeded + failed + rejected)
          + ": every completion event has exactly one of these statuses");
    }
    if (lost > submitted - completed) {
      throw new IllegalArgumentException("counts.lost " + lost + " exceeds the " + (submitted - completed)
          + " submitted jobs that did not complete (submitted " + submitted + ", completed " + completed + ")");
    }
    if (duplicated > completed) {
      throw new IllegalArgumentException("counts.duplicated " + duplicated + " exceeds counts.completed " + completed
          + ": duplicated counts completed jobs that received more than one event, not the extra events");
    }
  }

  /** Jobs that did not end well: {@code failed + rejected + timedOut}. */
  public long errors() {
    return failed + rejected + timedOut;
  }
}
