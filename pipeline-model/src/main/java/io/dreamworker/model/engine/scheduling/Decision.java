package io.dreamworker.model.engine.scheduling;

import java.util.List;
import java.util.Objects;

/**
 * What the engine does next, as {@link Scheduler#schedule} decided. Every decision also carries
 * the requests whose cancellation took effect at this step: the runner frees what it holds for
 * them (KV cache, latents) before running anything.
 */
public sealed interface Decision {

  /** Requests removed by cancellation at this step, in the order the cancellations arrived. */
  List<Long> cancelled();

  /**
   * Run one batched call at {@code stage} over {@code batch}, then report every item back
   * ({@link Scheduler#completed} or {@link Scheduler#finished}) before scheduling again.
   *
   * @param stage the stage to run
   * @param groupKey what every item of the batch shares ({@link GroupKey#NONE} at ungrouped stages)
   * @param batch the work, oldest first; total rows within the stage's max batch
   * @param dequeuedAtNanos when the batch left the queue; minus an item's enqueue time, its wait
   * @param cancelled requests removed by cancellation at this step
   */
  record Run(Stage stage, GroupKey groupKey, List<WorkItem> batch, long dequeuedAtNanos,
      List<Long> cancelled) implements Decision {
    public Run {
      batch = List.copyOf(batch);
      cancelled = List.copyOf(cancelled);
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(groupKey, "groupKey");
    }

    /** Rows of the call: the sum of the items' rows. */
    public int rows() {
      return batch.stream().mapToInt(WorkItem::rows).sum();
    }
  }

  /**
   * Work waits for its batch to fill; nothing should run now. Schedule again at
   * {@code wakeAtNanos}, or earlier when a request is admitted.
   *
   * @param wakeAtNanos when the oldest waiting work becomes due, on the engine's clock
   * @param cancelled requests removed by cancellation at this step
   */
  record Idle(long wakeAtNanos, List<Long> cancelled) implements Decision {
    public Idle {
      cancelled = List.copyOf(cancelled);
    }
  }

  /**
   * Nothing waits anywhere; schedule again when a request is admitted.
   *
   * @param cancelled requests removed by cancellation at this step
   */
  record Empty(List<Long> cancelled) implements Decision {
    public Empty {
      cancelled = List.copyOf(cancelled);
    }
  }
}
