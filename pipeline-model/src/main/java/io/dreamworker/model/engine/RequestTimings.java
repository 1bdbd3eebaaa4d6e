package io.dreamworker.model.engine;

import io.dreamworker.model.engine.scheduling.Stage;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where a request's time went.
 *
 * @param queued from submit until its first work ran (admission and entry-stage waits)
 * @param waiting per stage: time its work waited in the stage's queue
 * @param running per stage: time of the batched calls its work was part of (shared with the
 *     batch, so the sum over requests exceeds the device time)
 * @param total from submit to completion
 */
public record RequestTimings(Duration queued, Map<Stage, Duration> waiting, Map<Stage, Duration> running,
    Duration total) {
  public RequestTimings {
    waiting = copy(waiting);
    running = copy(running);
  }

  private static Map<Stage, Duration> copy(Map<Stage, Duration> source) {
    EnumMap<Stage, Duration> copy = new EnumMap<>(Stage.class);
    copy.putAll(source);
    return Collections.unmodifiableMap(copy);
  }
}
