package io.dreamworker.model.engine.scheduling;

/**
 * What one stage queue would run now, and whether it wants to: the batch it would take (one
 * group, oldest first) and the two reasons it may be ready without help.
 *
 * @param stage the stage
 * @param groupKey the group the batch would come from
 * @param rows rows of that batch (within the stage's max batch)
 * @param full the batch reaches the stage's preferred rows
 * @param due the group's oldest item has waited the stage's max queue delay
 * @param dueAtNanos when the group's oldest item will have waited the max queue delay
 */
record Offer(Stage stage, GroupKey groupKey, int rows, boolean full, boolean due, long dueAtNanos) {

  /** Full or due: ready whatever else waits. */
  boolean ready() {
    return full || due;
  }
}
