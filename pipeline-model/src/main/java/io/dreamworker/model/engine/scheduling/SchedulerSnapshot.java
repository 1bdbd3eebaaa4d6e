package io.dreamworker.model.engine.scheduling;

import java.time.Duration;
import java.util.Map;

/**
 * The scheduler's state at one instant, for metrics.
 *
 * @param queuedItems work items waiting in each stage's queue
 * @param queuedRows rows those items would occupy
 * @param oldestWait how long the oldest item of each stage has waited ({@link Duration#ZERO} when
 *     none waits)
 * @param waitingForAdmission requests accepted but not yet holding a KV reservation
 * @param waitingForDiffusionRows latents waiting for rows in flight before their first step
 * @param runningSequences requests holding a KV reservation (one sequence each)
 * @param reservedKvTokens KV positions reserved by running sequences
 * @param kvCacheBudgetTokens the budget those reservations come out of
 * @param diffusionRowsInFlight latent rows between their first denoising step and their last
 */
public record SchedulerSnapshot(
    Map<Stage, Integer> queuedItems,
    Map<Stage, Integer> queuedRows,
    Map<Stage, Duration> oldestWait,
    int waitingForAdmission,
    int waitingForDiffusionRows,
    int runningSequences,
    long reservedKvTokens,
    long kvCacheBudgetTokens,
    int diffusionRowsInFlight) {

  public SchedulerSnapshot {
    queuedItems = Map.copyOf(queuedItems);
    queuedRows = Map.copyOf(queuedRows);
    oldestWait = Map.copyOf(oldestWait);
  }
}
