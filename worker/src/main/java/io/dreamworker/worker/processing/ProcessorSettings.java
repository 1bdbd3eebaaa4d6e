package io.dreamworker.worker.processing;

import io.dreamworker.schemas.CompletionEvent;

/**
 * What job processing stamps on every event.
 *
 * @param source the CloudEvents {@code source} of this worker, such as
 *     {@code urn:dreamworker:worker:ip-10-0-1-17}
 * @param bundle the model bundle's name and version
 */
public record ProcessorSettings(String source, CompletionEvent.Bundle bundle) {
  public ProcessorSettings {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("source must name this worker, such as urn:dreamworker:worker:host-1");
    }
    if (bundle == null) {
      throw new IllegalArgumentException("bundle must be set");
    }
  }
}
