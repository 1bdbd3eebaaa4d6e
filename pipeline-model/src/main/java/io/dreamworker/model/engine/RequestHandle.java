package io.dreamworker.model.engine;

import java.util.concurrent.CompletableFuture;

/**
 * A submitted request: its id, its result, and a way to cancel it.
 *
 * <p>The future completes with the result, or exceptionally with {@link EngineFailureException}
 * if the model failed on it, or is cancelled. Cancelling (through {@link #cancel()} or the
 * future's {@code cancel}) frees the request's cache and slots at the engine's next step.
 */
public final class RequestHandle {
  private final long id;
  private final CompletableFuture<GenerationResult> result;

  RequestHandle(long id, CompletableFuture<GenerationResult> result) {
    this.id = id;
    this.result = result;
  }

  public long id() {
    return id;
  }

  public CompletableFuture<GenerationResult> result() {
    return result;
  }

  /** Cancels the request; returns false if it had already completed. */
  public boolean cancel() {
    return result.cancel(false);
  }
}
