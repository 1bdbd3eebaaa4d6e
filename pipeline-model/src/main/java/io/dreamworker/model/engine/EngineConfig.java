package io.dreamworker.model.engine;

import io.dreamworker.model.engine.scheduling.SchedulerConfig;
import io.dreamworker.model.pipeline.ChatTemplate;
import java.time.Duration;

/**
 * The engine's settings.
 *
 * @param scheduling batching limits, KV-cache budget, queue delays and fairness (see {@link SchedulerConfig})
 * @param negativePromptCacheEntries guidance conditions of recent negative prompts kept computed
 * @param chatTemplate the conversation format of captions and interleaved requests
 * @param shutdownTimeout how long {@link DreamEngine#close()} waits for the engine thread
 */
public record EngineConfig(SchedulerConfig scheduling, int negativePromptCacheEntries, ChatTemplate chatTemplate,
    Duration shutdownTimeout) {

  /** Enough for a fixed negative prompt and a few per-request ones. */
  public static final int DEFAULT_NEGATIVE_PROMPT_CACHE_ENTRIES = 16;

  public EngineConfig {
    if (scheduling == null || chatTemplate == null || shutdownTimeout == null) {
      throw new IllegalArgumentException("scheduling, chatTemplate and shutdownTimeout must be set");
    }
    if (negativePromptCacheEntries < 1) {
      throw new IllegalArgumentException("negativePromptCacheEntries must be at least 1, got "
          + negativePromptCacheEntries);
    }
  }

  public static EngineConfig defaults() {
    return new EngineConfig(SchedulerConfig.defaults(), DEFAULT_NEGATIVE_PROMPT_CACHE_ENTRIES,
        ChatTemplate.VICUNA_V1_1, Duration.ofSeconds(30));
  }

  public EngineConfig withScheduling(SchedulerConfig scheduling) {
    return new EngineConfig(scheduling, negativePromptCacheEntries, chatTemplate, shutdownTimeout);
  }
}
