package io.dreamworker.worker.config;

import io.dreamworker.model.engine.EngineConfig;
import io.dreamworker.model.engine.scheduling.SchedulerConfig;
import io.dreamworker.model.engine.scheduling.SchedulerConfig.StageLimits;
import io.dreamworker.model.engine.scheduling.Stage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The {@code engine} section: the scheduler limits an operator tunes. The rest of the engine's
 * settings keep the engine's defaults.
 *
 * @param maxRunningSequences requests holding a KV-cache reservation at once
 * @param kvCacheBudgetTokens KV-cache positions for all running sequences together
 * @param maxDiffusionRowsInFlight latent rows denoising at once
 * @param maxQueueDelay how long work at an entry stage (vision, prefill) waits for its batch to fill
 * @param mode continuous batching, or one request at a time
 */
public record EngineSettings(int maxRunningSequences, long kvCacheBudgetTokens, int maxDiffusionRowsInFlight,
    Duration maxQueueDelay, Mode mode) {

  public EngineSettings {
    Objects.requireNonNull(maxQueueDelay, "maxQueueDelay");
    Objects.requireNonNull(mode, "mode");
  }

  /** How the engine schedules its requests. */
  public enum Mode {
    /** Iteration-level scheduling: requests join and leave the running batches at every step. */
    CONTINUOUS,
    /**
     * One request at a time, each call holding that request's rows only: the baseline continuous
     * batching is measured against (the load test's sequential series). The other limits do not apply.
     */
    SEQUENTIAL
  }

  /**
   * The engine's configuration: {@link EngineConfig#defaults()} with these limits.
   *
   * <p>Two choices differ from applying each {@code with...} method blindly. The preferred batch
   * sizes of prefill and decode are lowered to {@code maxRunningSequences}, and diffusion's to
   * {@code maxDiffusionRowsInFlight}, when those are smaller: such a batch could never fill (the
   * scheduler refuses it), and the operator has no key for the preferred sizes. And
   * {@code maxQueueDelay} applies to the entry stages only, as the engine's default does: the
   * later stages run whatever waits, since their work arrives in lockstep and waiting only adds
   * latency.
   *
   * @throws ConfigException naming the key whose value the engine refuses
   */
  public EngineConfig toEngineConfig() {
    if (mode == Mode.SEQUENTIAL) {
      return EngineConfig.defaults().withScheduling(SchedulerConfig.sequential());
    }
    SchedulerConfig s = SchedulerConfig.defaults();
    s = apply(s, ConfigKeys.ENGINE_MAX_RUNNING_SEQUENCES, maxRunningSequences,
        c -> lowerPreferred(c, List.of(Stage.PREFILL, Stage.DECODE), maxRunningSequences));
    s = apply(s, ConfigKeys.ENGINE_MAX_DIFFUSION_ROWS_IN_FLIGHT, maxDiffusionRowsInFlight,
        c -> lowerPreferred(c, List.of(Stage.DIFFUSION), maxDiffusionRowsInFlight));
    s = apply(s, ConfigKeys.ENGINE_MAX_QUEUE_DELAY, maxQueueDelay, c -> {
      SchedulerConfig out = c;
      for (Stage stage : Stage.values()) {
        if (stage.isEntry()) {
          StageLimits l = c.limits(stage);
          out = out.withStage(stage, new StageLimits(l.maxBatchRows(), l.preferredBatchRows(), maxQueueDelay,
              l.fairnessWeight()));
        }
      }
      return out;
    });
    s = apply(s, ConfigKeys.ENGINE_KV_CACHE_BUDGET_TOKENS, kvCacheBudgetTokens,
        c -> c.withKvCacheBudgetTokens(kvCacheBudgetTokens));
    s = apply(s, ConfigKeys.ENGINE_MAX_RUNNING_SEQUENCES, maxRunningSequences,
        c -> c.withMaxRunningSequences(maxRunningSequences));
    s = apply(s, ConfigKeys.ENGINE_MAX_DIFFUSION_ROWS_IN_FLIGHT, maxDiffusionRowsInFlight,
        c -> c.withMaxDiffusionRowsInFlight(maxDiffusionRowsInFlight));
    return EngineConfig.defaults().withScheduling(s);
  }

  private static SchedulerConfig lowerPreferred(SchedulerConfig c, List<Stage> stages, int cap) {
    SchedulerConfig out = c;
    for (Stage stage : stages) {
      StageLimits l = c.limits(stage);
      if (l.preferredBatchRows() > cap) {
        out = out.withStage(stage, new StageLimits(l.maxBatchRows(), cap, l.maxQueueDelay(), l.fairnessWeight()));
      }
    }
    return out;
  }

  /** One step of the mapping; the engine's refusal becomes a problem naming the key. */
  private static <T> SchedulerConfig apply(SchedulerConfig c, ConfigKey<T> key, T value,
      UnaryOperator<SchedulerConfig> step) {
    try {
      return step.apply(c);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(List.of(key.name() + ": the engine refuses " + key.type().format(value)
          + ": " + e.getMessage()));
    }
  }
}
