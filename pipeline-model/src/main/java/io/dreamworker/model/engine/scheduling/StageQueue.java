package io.dreamworker.model.engine.scheduling;

import io.dreamworker.model.engine.scheduling.SchedulerConfig.StageLimits;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The work waiting at one stage, oldest first, and the batch it offers:
 *
 * <ul>
 *   <li>a batch comes from one group (all of the queue at ungrouped stages) and is that group's
 *       oldest items, taken in order while their rows fit the max batch: FIFO within a group;
 *   <li>a group is ready when that batch reaches the preferred rows or its oldest item has waited
 *       the max queue delay;
 *   <li>the queue offers the ready group whose oldest item is oldest, or, when none is ready, the
 *       group whose oldest item is oldest (the first to become due).
 * </ul>
 *
 * A group passed over is therefore served once its head is the oldest of the ready groups' heads:
 * never later than when every item queued before it has been taken. Confined to the engine thread.
 */
final class StageQueue {

  private final Stage stage;
  private final StageLimits limits;
  private final Map<Long, WorkItem> items = new LinkedHashMap<>();
  private int rows;

  StageQueue(Stage stage, StageLimits limits) {
    this.stage = stage;
    this.limits = limits;
  }

  void add(WorkItem item) {
    if (item.stage() != stage) {
      throw new IllegalArgumentException("a " + item.stage() + " item cannot join the " + stage
          + " queue: " + item);
    }
    if (item.rows() > limits.maxBatchRows()) {
      throw new IllegalArgumentException(item.rows() + " rows can never run at " + stage
          + ", whose maxBatchRows is " + limits.maxBatchRows() + ": " + item);
    }
    if (items.putIfAbsent(item.requestId(), item) != null) {
      throw new IllegalStateException("request " + item.requestId() + " already waits at " + stage);
    }
    rows += item.rows();
  }

  Optional<WorkItem> remove(long requestId) {
    WorkItem item = items.remove(requestId);
    if (item != null) {
      rows -= item.rows();
    }
    return Optional.ofNullable(item);
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  int size() {
    return items.size();
  }

  int rows() {
    return rows;
  }

  OptionalLong oldestEnqueuedAtNanos() {
    return items.isEmpty()
        ? OptionalLong.empty()
        : OptionalLong.of(items.values().iterator().next().enqueuedAtNanos());
  }

  /** The waiting items, oldest first. */
  List<WorkItem> items() {
    return List.copyOf(items.values());
  }

  /** The batch this queue would run now; empty when nothing waits. */
  Optional<Offer> offer(long nowNanos) {
    // Group heads in arrival order: iteration order of the items.
    Map<GroupKey, Integer> batchRows = new LinkedHashMap<>();
    Map<GroupKey, Long> headEnqueuedAt = new LinkedHashMap<>();
    Map<GroupKey, Boolean> closed = new LinkedHashMap<>();
    for (WorkItem item : items.values()) {
      GroupKey key = item.groupKey();
      headEnqueuedAt.putIfAbsent(key, item.enqueuedAtNanos());
      int sofar = batchRows.getOrDefault(key, 0);
      if (!closed.getOrDefault(key, false) && sofar + item.rows() <= limits.maxBatchRows()) {
        batchRows.put(key, sofar + item.rows());
      } else {
        closed.put(key, true);
      }
    }
    Offer oldest = null;
    for (Map.Entry<GroupKey, Long> head : headEnqueuedAt.entrySet()) {
      Offer o = offerOf(head.getKey(), batchRows.get(head.getKey()), head.getValue(), nowNanos);
      if (o.ready()) {
        return Optional.of(o);
      }
      if (oldest == null) {
        oldest = o;
      }
    }
    return Optional.ofNullable(oldest);
  }

  /** Removes and returns the batch of group {@code key}: its oldest items while their rows fit. */
  List<WorkItem> take(GroupKey key) {
    List<WorkItem> batch = new ArrayList<>();
    int taken = 0;
    Iterator<WorkItem> it = items.values().iterator();
    while (it.hasNext()) {
      WorkItem item = it.next();
      if (!item.groupKey().equals(key)) {
        continue;
      }
      if (taken + item.rows() > limits.maxBatchRows()) {
        break;
      }
      it.remove();
      batch.add(item);
      taken += item.rows();
    }
    rows -= taken;
    return batch;
  }

  private Offer offerOf(GroupKey key, int batchRows, long headEnqueuedAtNanos, long nowNanos) {
    long delay = limits.maxQueueDelayNanos();
    boolean due = nowNanos - headEnqueuedAtNanos >= delay;
    long dueAt;
    try {
      dueAt = Math.addExact(headEnqueuedAtNanos, delay);
    } catch (ArithmeticException e) {
      dueAt = Long.MAX_VALUE; // a delay this long never comes due
    }
    return new Offer(stage, key, batchRows, batchRows >= limits.preferredBatchRows(), due, dueAt);
  }
}
