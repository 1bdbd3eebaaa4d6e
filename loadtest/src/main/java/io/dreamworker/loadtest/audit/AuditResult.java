package io.dreamworker.loadtest.audit;

import java.util.List;
import java.util.Map;

/**
 * What an audit of a run found, job by job: the figures the chaos harness reports.
 *
 * @param jobs jobs sent
 * @param lost jobs with no completion event
 * @param duplicated jobs with more than one completion event (each counted once)
 * @param mismatched jobs whose event and files disagree: a succeeded drawing without its document
 *     or an image, an image whose bytes are not the document's, files left beside a finished job's
 *     own, files of a job that did not succeed, or a dead letter missing, doubled or misplaced
 * @param byStatus completion events by status (succeeded, failed, rejected) of the jobs with one
 * @param failedByCode the failed and rejected jobs' error codes, counted
 * @param problems one line per finding, for the report (the first few hundred)
 */
public record AuditResult(int jobs, int lost, int duplicated, int mismatched, Map<String, Integer> byStatus,
    Map<String, Integer> failedByCode, List<String> problems) {

  public AuditResult {
    byStatus = Map.copyOf(byStatus);
    failedByCode = Map.copyOf(failedByCode);
    problems = List.copyOf(problems);
  }

  /** Whether every job completed exactly once with the files its event reports. */
  public boolean clean() {
    return lost == 0 && duplicated == 0 && mismatched == 0;
  }
}
