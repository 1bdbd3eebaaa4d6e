package io.dreamworker.model.engine.scheduling;

import java.util.Objects;

/** What {@link Scheduler#admit} made of a request: taken into the admission queue, or refused. */
public sealed interface Admission {

  /** The request this is about. */
  long requestId();

  /**
   * The request waits in the admission queue until its footprint fits in the KV budget and a
   * running-sequence slot is free; it will fit eventually.
   *
   * @param requestId the request
   * @param kvFootprintTokens the KV positions it will reserve
   */
  record Admitted(long requestId, long kvFootprintTokens) implements Admission {}

  /**
   * The request could never run within the configured limits, even alone.
   *
   * @param requestId the request
   * @param reason which limit, the request's value, the limit's value, and what to change
   */
  record Rejected(long requestId, String reason) implements Admission {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
