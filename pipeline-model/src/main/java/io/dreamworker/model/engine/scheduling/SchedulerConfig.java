package io.dreamworker.model.engine.scheduling;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The limits a user sets on the batching engine's scheduler. Immutable; every bound is checked
 * here, so a scheduler built from it never meets a limit it cannot honour. Start from
 * {@link #defaults()} and change what differs with the {@code with...} methods.
 *
 * @param stages the batching limits of every stage, one entry per {@link Stage}
 * @param kvCacheBudgetTokens KV-cache positions the device holds for all running sequences
 *     together; admission reserves each request's worst case out of it
 * @param maxRunningSequences requests holding a KV reservation at once (each has one sequence)
 * @param maxDiffusionRowsInFlight latent rows (2 per guidance pair) between their first denoising
 *     step and their last; a new latent waits until its rows fit
 * @param maxAdmissionBypasses how many later requests may be admitted ahead of a waiting request
 *     that does not fit yet; 0 is strict FIFO admission
 */
public record SchedulerConfig(
    Map<Stage, StageLimits> stages,
    long kvCacheBudgetTokens,
    int maxRunningSequences,
    int maxDiffusionRowsInFlight,
    int maxAdmissionBypasses) {

  /** About 8 GB of fp16 KV cache for a 7B LLaMA (512 KB per position): fits beside the weights on 24 GB. */
  public static final long DEFAULT_KV_CACHE_BUDGET_TOKENS = 16_384;
  /** Enough sequences to keep a decode batch busy without thinning each one's cache share. */
  public static final int DEFAULT_MAX_RUNNING_SEQUENCES = 16;
  /** Eight latents (four guidance pairs) denoising together. */
  public static final int DEFAULT_MAX_DIFFUSION_ROWS_IN_FLIGHT = 8;
  /** A request too big to fit now lets four smaller ones pass before it holds the line. */
  public static final int DEFAULT_MAX_ADMISSION_BYPASSES = 4;
  /** How long an entry stage waits for its batch to fill. */
  public static final Duration DEFAULT_ENTRY_QUEUE_DELAY = Duration.ofMillis(5);
  /** Above this, a weight no longer means a share and the starvation bound grows needlessly. */
  public static final int MAX_FAIRNESS_WEIGHT = 1_000;

  public SchedulerConfig {
    Objects.requireNonNull(stages, "stages");
    for (Stage stage : Stage.values()) {
      if (stages.get(stage) == null) {
        throw new IllegalArgumentException("stages has no limits for " + stage
            + "; give limits for every Stage (start from SchedulerConfig.defaults())");
      }
    }
    EnumMap<Stage, StageLimits> copy = new EnumMap<>(Stage.class);
    copy.putAll(stages);
    stages = Collections.unmodifiableMap(copy);
    if (kvCacheBudgetTokens < 1) {
      throw new IllegalArgumentException("kvCacheBudgetTokens must be at least 1, got "
          + kvCacheBudgetTokens + "; set it to the KV positions the device can hold");
    }
    if (maxRunningSequences < 1) {
      throw new IllegalArgumentException("maxRunningSequences must be at least 1, got "
          + maxRunningSequences + "; set it to how many sequences may hold a KV cache at once");
    }
    if (maxDiffusionRowsInFlight < 1) {
      throw new IllegalArgumentException("maxDiffusionRowsInFlight must be at least 1, got "
          + maxDiffusionRowsInFlight + "; use 2 or more to allow guidance pairs");
    }
    if (maxAdmissionBypasses < 0) {
      throw new IllegalArgumentException("maxAdmissionBypasses must be at least 0, got "
          + maxAdmissionBypasses + "; use 0 for strict FIFO admission");
    }
    for (Stage stage : new Stage[] {Stage.PREFILL, Stage.DECODE}) {
      int preferred = stages.get(stage).preferredBatchRows();
      if (preferred > maxRunningSequences) {
        throw new IllegalArgumentException("stages[" + stage + "].preferredBatchRows (" + preferred
            + ") exceeds maxRunningSequences (" + maxRunningSequences + "): that batch could never"
            + " fill; lower preferredBatchRows to at most " + maxRunningSequences
            + " or raise maxRunningSequences");
      }
    }
    int diffusionPreferred = stages.get(Stage.DIFFUSION).preferredBatchRows();
    if (diffusionPreferred > maxDiffusionRowsInFlight) {
      throw new IllegalArgumentException("stages[DIFFUSION].preferredBatchRows ("
          + diffusionPreferred + ") exceeds maxDiffusionRowsInFlight (" + maxDiffusionRowsInFlight
          + "): that batch could never fill; lower preferredBatchRows to at most "
          + maxDiffusionRowsInFlight + " or raise maxDiffusionRowsInFlight");
    }
  }

  /**
   * Sensible limits for one GPU: entry stages (VISION, PREFILL) wait up to 5 ms to fill a batch,
   * the others run whatever waits; every stage has weight 1.
   */
  public static SchedulerConfig defaults() {
    EnumMap<Stage, StageLimits> stages = new EnumMap<>(Stage.class);
    stages.put(Stage.VISION, new StageLimits(16, 4, DEFAULT_ENTRY_QUEUE_DELAY, 1));
    stages.put(Stage.PREFILL, new StageLimits(8, 4, DEFAULT_ENTRY_QUEUE_DELAY, 1));
    stages.put(Stage.DECODE, new StageLimits(16, 16, Duration.ZERO, 1));
    stages.put(Stage.DREAM, new StageLimits(8, 8, Duration.ZERO, 1));
    stages.put(Stage.DIFFUSION, new StageLimits(8, 8, Duration.ZERO, 1));
    stages.put(Stage.VAE_DECODE, new StageLimits(4, 4, Duration.ZERO, 1));
    return new SchedulerConfig(stages, DEFAULT_KV_CACHE_BUDGET_TOKENS,
        DEFAULT_MAX_RUNNING_SEQUENCES, DEFAULT_MAX_DIFFUSION_ROWS_IN_FLIGHT,
        DEFAULT_MAX_ADMISSION_BYPASSES);
  }

  /**
   * One request at a time, each call holding that request's rows only: the engine as DreamLLM's own
   * scripts run the model, for comparing what continuous batching gains on the same deployment.
   * One running sequence admits one request; a call may still need several rows of it (its input
   * images in one vision call, its negative prompt beside its prompt in the dream pass, a guided
   * latent pair in the UNet), so those stages allow what one request can need, and the rest one row.
   */
  public static SchedulerConfig sequential() {
    EnumMap<Stage, StageLimits> stages = new EnumMap<>(Stage.class);
    for (Stage stage : Stage.values()) {
      int rows = switch (stage) {
        case VISION -> MAX_INPUT_IMAGES_PER_REQUEST;
        case DREAM, DIFFUSION -> 2;
        default -> 1;
      };
      stages.put(stage, new StageLimits(rows, rows, Duration.ZERO, 1));
    }
    return new SchedulerConfig(stages, DEFAULT_KV_CACHE_BUDGET_TOKENS, 1, 2, DEFAULT_MAX_ADMISSION_BYPASSES);
  }

  /** The most input images one request carries (the jobs' schema allows eight). */
  private static final int MAX_INPUT_IMAGES_PER_REQUEST = 8;

  /** The limits of one stage. */
  public StageLimits limits(Stage stage) {
    return stages.get(stage);
  }

  /** The same config with {@code limits} at {@code stage}. */
  public SchedulerConfig withStage(Stage stage, StageLimits limits) {
    EnumMap<Stage, StageLimits> copy = new EnumMap<>(stages);
    copy.put(Objects.requireNonNull(stage, "stage"), limits);
    return new SchedulerConfig(copy, kvCacheBudgetTokens, maxRunningSequences,
        maxDiffusionRowsInFlight, maxAdmissionBypasses);
  }

  /** The same max queue delay at every stage. */
  public SchedulerConfig withMaxQueueDelay(Duration maxQueueDelay) {
    EnumMap<Stage, StageLimits> copy = new EnumMap<>(Stage.class);
    stages.forEach((stage, l) -> copy.put(stage, new StageLimits(
        l.maxBatchRows(), l.preferredBatchRows(), maxQueueDelay, l.fairnessWeight())));
    return new SchedulerConfig(copy, kvCacheBudgetTokens, maxRunningSequences,
        maxDiffusionRowsInFlight, maxAdmissionBypasses);
  }

  /** The same config with another KV-cache budget. */
  public SchedulerConfig withKvCacheBudgetTokens(long tokens) {
    return new SchedulerConfig(stages, tokens, maxRunningSequences, maxDiffusionRowsInFlight,
        maxAdmissionBypasses);
  }

  /** The same config with another running-sequence limit. */
  public SchedulerConfig withMaxRunningSequences(int sequences) {
    return new SchedulerConfig(stages, kvCacheBudgetTokens, sequences, maxDiffusionRowsInFlight,
        maxAdmissionBypasses);
  }

  /** The same config with another limit on latent rows in flight. */
  public SchedulerConfig withMaxDiffusionRowsInFlight(int rows) {
    return new SchedulerConfig(stages, kvCacheBudgetTokens, maxRunningSequences, rows,
        maxAdmissionBypasses);
  }

  /** The same config with another bound on admission overtaking. */
  public SchedulerConfig withMaxAdmissionBypasses(int bypasses) {
    return new SchedulerConfig(stages, kvCacheBudgetTokens, maxRunningSequences,
        maxDiffusionRowsInFlight, bypasses);
  }

  /**
   * The batching limits of one stage.
   *
   * @param maxBatchRows the most rows one call at this stage may take; a limit, never exceeded
   * @param preferredBatchRows the fill target: at this many rows the stage is ready without waiting
   * @param maxQueueDelay how long the oldest work may wait for the batch to fill before the stage
   *     is ready anyway; {@link Duration#ZERO} runs whatever waits
   * @param fairnessWeight the stage's share of device time among stages that are ready together,
   *     relative to the others' weights (1 to {@value SchedulerConfig#MAX_FAIRNESS_WEIGHT})
   */
  public record StageLimits(
      int maxBatchRows, int preferredBatchRows, Duration maxQueueDelay, int fairnessWeight) {

    public StageLimits {
      Objects.requireNonNull(maxQueueDelay, "maxQueueDelay");
      if (maxBatchRows < 1) {
        throw new IllegalArgumentException("maxBatchRows must be at least 1, got " + maxBatchRows
            + "; set it to the largest batch the device runs in one call");
      }
      if (preferredBatchRows < 1 || preferredBatchRows > maxBatchRows) {
        throw new IllegalArgumentException("preferredBatchRows (" + preferredBatchRows
            + ") must be between 1 and maxBatchRows (" + maxBatchRows + ")"
            + "; lower preferredBatchRows or raise maxBatchRows");
      }
      if (maxQueueDelay.isNegative()) {
        throw new IllegalArgumentException("maxQueueDelay must not be negative, got "
            + maxQueueDelay + "; use Duration.ZERO to never wait for a batch to fill");
      }
      if (fairnessWeight < 1 || fairnessWeight > MAX_FAIRNESS_WEIGHT) {
        throw new IllegalArgumentException("fairnessWeight must be between 1 and "
            + MAX_FAIRNESS_WEIGHT + ", got " + fairnessWeight);
      }
    }

    /** {@link #maxQueueDelay()} in nanoseconds, saturated for absurdly long delays. */
    long maxQueueDelayNanos() {
      return maxQueueDelay.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0
          ? Long.MAX_VALUE : maxQueueDelay.toNanos();
    }
  }
}
