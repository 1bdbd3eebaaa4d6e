package io.dreamworker.worker.delivery;

/** How one {@link Committer#commit} ended. */
public sealed interface CommitOutcome {
  /** Everything is published and the offsets are committed. */
  record Committed() implements CommitOutcome {}

  /**
   * Nothing counts: the transaction was aborted (exactly once), or the offsets were not committed
   * (at least once, where some records may have been published and will be again). The caller keeps
   * what it tried and tries again later.
   *
   * @param rebalanced the group moved on (this member's generation is stale): the partitions are
   *     being revoked or are lost, and the next poll says which
   */
  record Aborted(Exception cause, boolean rebalanced) implements CommitOutcome {}

  /**
   * The committer cannot go on: it was fenced by a newer instance with the same transactional id,
   * lacks a permission, or its producer is in a state it cannot leave. The worker must stop; its
   * uncommitted work is redone elsewhere or after a restart.
   */
  record Fatal(Exception cause) implements CommitOutcome {}

  CommitOutcome COMMITTED = new Committed();
}
