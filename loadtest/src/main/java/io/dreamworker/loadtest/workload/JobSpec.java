package io.dreamworker.loadtest.workload;

import java.util.Objects;
import java.util.Optional;

/**
 * One job a harness sends: its id (the record key), kind, the record's value (the job's JSON), and
 * the fault it asks the worker for, if it is a poison job.
 *
 * @param fault the {@code dw-fault} the job names ({@code crash}, {@code engine_failure},
 *     {@code hang}); such jobs are expected to fail, visibly
 */
public record JobSpec(String jobId, JobKind kind, byte[] value, Optional<String> fault) {
  public JobSpec {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(fault, "fault");
  }

  /** Whether it is expected to produce files (a drawing or a story that succeeds). */
  public boolean writesFiles() {
    return kind != JobKind.CAPTION;
  }
}
