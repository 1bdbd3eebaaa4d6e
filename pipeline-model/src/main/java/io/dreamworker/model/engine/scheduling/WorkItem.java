package io.dreamworker.model.engine.scheduling;

import java.util.Objects;

/**
 * One request's work as it waits in a stage queue and as it is handed to the model runner in a
 * {@link Decision.Run}.
 *
 * @param requestId the request this work belongs to
 * @param work what to run (stage, rows, KV tokens, group key)
 * @param enqueuedAtNanos when it entered this stage's queue, on the engine's monotonic clock; the
 *     runner's queue wait for this stage is {@link Decision.Run#dequeuedAtNanos()} minus this
 */
public record WorkItem(long requestId, StageWork work, long enqueuedAtNanos) {

  public WorkItem {
    Objects.requireNonNull(work, "work");
  }

  /** The stage it waits at. */
  public Stage stage() {
    return work.stage();
  }

  /** Rows it occupies in the batched call. */
  public int rows() {
    return work.rows();
  }

  /** What its batch shares. */
  public GroupKey groupKey() {
    return work.groupKey();
  }
}
