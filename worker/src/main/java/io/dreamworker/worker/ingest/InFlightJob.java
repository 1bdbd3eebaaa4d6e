package io.dreamworker.worker.ingest;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * One attempt at a record, as the consumer loop sees it.
 *
 * @param done completes as {@link RecordHandler} describes
 * @param cancel asks the processing to stop early; idempotent, and harmless after {@code done}
 * @param cost completes with the attempt's estimated cost (see {@link RecordHandler}) as soon as
 *     it is known, which may be before or after {@code done}; until then the loop counts a
 *     provisional cost
 */
public record InFlightJob(CompletableFuture<Settlement> done, Runnable cancel, CompletableFuture<Long> cost) {
  public InFlightJob {
    Objects.requireNonNull(done, "done");
    Objects.requireNonNull(cancel, "cancel");
    Objects.requireNonNull(cost, "cost");
  }
}
