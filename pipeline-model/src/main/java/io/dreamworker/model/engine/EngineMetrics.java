package io.dreamworker.model.engine;

import io.dreamworker.model.engine.scheduling.SchedulerSnapshot;
import io.dreamworker.model.engine.scheduling.Stage;

/**
 * What the engine reports as it runs, for the worker to bind to its metrics registry. Called on
 * the engine thread; implementations must be quick and must not throw.
 */
public interface EngineMetrics {
  /** Reports nothing. */
  EngineMetrics NONE = new EngineMetrics() {};

  /** One batched call: its stage, rows and duration. */
  default void batchExecuted(Stage stage, int rows, long durationNanos) {}

  /** How long one work item waited in a stage's queue. */
  default void queueWait(Stage stage, long waitNanos) {}

  /** Tokens generated in one call (a decode step: one per row). */
  default void tokensGenerated(int tokens) {}

  /** One image finished. */
  default void imageGenerated() {}

  /** A request ended: succeeded, failed or cancelled. */
  default void requestEnded(String kind, String outcome, long totalNanos) {}

  /** The scheduler's state after a step (queues, running sequences, KV reservation). */
  default void snapshot(SchedulerSnapshot snapshot) {}
}
