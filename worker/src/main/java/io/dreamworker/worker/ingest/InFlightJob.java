package io.dreamworker.worker.ingest;

import java.util.concurrent.CompletableFuture;

/**
 * A record being processed, as the consumer loop sees it.
 *
 * @param done completes as {@link RecordHandler} describes
 * @param cancel asks the processing to stop early; idempotent, and harmless after {@code done}
 */
public record InFlightJob(CompletableFuture<Void> done, Runnable cancel) {
  public InFlightJob {
    if (done == null || cancel == null) {
      throw new IllegalArgumentException("done and cancel must be set");
    }
  }
}
