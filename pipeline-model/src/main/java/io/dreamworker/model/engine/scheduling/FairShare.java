package io.dreamworker.model.engine.scheduling;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses among ready stages so that each gets device time in proportion to its fairness weight,
 * in the manner of start-time fair queuing (Goyal, Vin and Cheng, SIGCOMM 1996) with stages as
 * flows and batched calls as packets:
 *
 * <ul>
 *   <li>each stage has a virtual time; the ready stage with the smallest runs (ties: the earlier
 *       stage in pipeline order), and its virtual time advances by the call's estimated cost over
 *       its weight;
 *   <li>the cost estimate of a stage is a moving average of its measured call durations
 *       ({@link #recordExecution}), so shares follow real device time; charging the estimate at
 *       the decision keeps the policy going even if durations are never reported;
 *   <li>a stage that becomes ready starts no earlier than the virtual time of the last call, so
 *       time spent idle or waiting to fill is not banked as credit.
 * </ul>
 *
 * No starvation: while a stage S stays ready, another stage T runs at most
 * {@code floor(costMax * weight(T) / (costMin * weight(S))) + 1} times before S does, where
 * costMin and costMax bound the estimates (the initial estimate and the measured durations,
 * clamped to at least {@link #MIN_COST_NANOS}). Confined to the engine thread.
 */
final class FairShare {

  /** The cost assumed for a stage until its first call is measured. */
  static final long INITIAL_COST_ESTIMATE_NANOS = 10_000_000;
  /** Measured durations below this count as this, so every call advances its stage's virtual time. */
  static final long MIN_COST_NANOS = 1_000;
  /** How much a new measurement moves the estimate: about the last 4 calls dominate it. */
  static final double COST_SMOOTHING = 0.25;

  private final Map<Stage, Integer> weights;
  private final double[] virtualTime = new double[Stage.values().length];
  private final double[] costEstimateNanos = new double[Stage.values().length];
  private final boolean[] wasReady = new boolean[Stage.values().length];
  // The virtual time at which the last chosen stage started its call.
  private double lastStart;

  FairShare(Map<Stage, Integer> weights) {
    this.weights = new EnumMap<>(weights);
    for (Stage stage : Stage.values()) {
      if (this.weights.getOrDefault(stage, 0) < 1) {
        throw new IllegalArgumentException("every stage needs a weight of at least 1, got "
            + this.weights.get(stage) + " for " + stage);
      }
      costEstimateNanos[stage.ordinal()] = INITIAL_COST_ESTIMATE_NANOS;
    }
  }

  /** The stage to run among {@code ready}; empty if none is ready. Call once per decision. */
  Optional<Stage> pick(Set<Stage> ready) {
    Stage chosen = null;
    for (Stage stage : Stage.values()) {
      int i = stage.ordinal();
      boolean isReady = ready.contains(stage);
      if (isReady && !wasReady[i]) {
        virtualTime[i] = Math.max(virtualTime[i], lastStart);
      }
      wasReady[i] = isReady;
      if (isReady && (chosen == null || virtualTime[i] < virtualTime[chosen.ordinal()])) {
        chosen = stage;
      }
    }
    if (chosen == null) {
      return Optional.empty();
    }
    int c = chosen.ordinal();
    lastStart = virtualTime[c];
    virtualTime[c] += costEstimateNanos[c] / weights.get(chosen);
    return Optional.of(chosen);
  }

  /** Folds a measured call duration into the stage's cost estimate. */
  void recordExecution(Stage stage, long durationNanos) {
    if (durationNanos < 0) {
      throw new IllegalArgumentException("a call cannot take " + durationNanos + " ns (" + stage
          + "); measure it with System.nanoTime differences");
    }
    int i = stage.ordinal();
    double measured = Math.max(durationNanos, MIN_COST_NANOS);
    costEstimateNanos[i] += COST_SMOOTHING * (measured - costEstimateNanos[i]);
  }

  double virtualTime(Stage stage) {
    return virtualTime[stage.ordinal()];
  }

  double costEstimateNanos(Stage stage) {
    return costEstimateNanos[stage.ordinal()];
  }
}
