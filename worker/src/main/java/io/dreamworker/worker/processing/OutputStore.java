package io.dreamworker.worker.processing;

import io.dreamworker.model.generation.Document;
import io.dreamworker.schemas.CompletionEvent.Outputs;
import java.util.Optional;

/**
 * Writes a job's generated document under deterministic keys, so that a redone job overwrites its
 * own objects. Blocking (it retries with backoff), so only called off the consumer and engine threads.
 */
@FunctionalInterface
public interface OutputStore {
  /**
   * Writes the images, then the document that references them, and returns their URIs.
   *
   * @param outputPrefix the job's own prefix; empty for the worker's configured one
   * @throws JobFailure failed with {@code OUTPUT_WRITE_FAILED} when a write kept failing
   */
  Outputs write(String jobId, Optional<String> outputPrefix, Document document);
}
