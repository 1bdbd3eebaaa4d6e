package io.dreamworker.worker.processing;

import io.dreamworker.model.engine.GenerationRequest;
import io.dreamworker.model.engine.GenerationResult;
import java.util.concurrent.CompletableFuture;

/**
 * The model, as job processing sees it: {@code request -> engine.submit(request).result()}.
 * Cancelling the returned future cancels the request in the engine.
 */
@FunctionalInterface
public interface Generator {
  /**
   * Queues the request. Prepares it on the calling thread (image decoding, tokenization).
   *
   * @throws io.dreamworker.model.engine.RequestRejectedException at once for a request the engine
   *     can never run, or when the engine is closed
   */
  CompletableFuture<GenerationResult> submit(GenerationRequest request);
}
