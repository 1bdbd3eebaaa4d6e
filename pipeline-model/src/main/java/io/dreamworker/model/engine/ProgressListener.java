package io.dreamworker.model.engine;

/**
 * Receives a request's progress. Called on the engine thread: an implementation must return
 * quickly and must not call the engine back; an exception it throws is logged and ignored, so a
 * listener cannot fail its request or stall the others.
 */
@FunctionalInterface
public interface ProgressListener {
  /** A listener that ignores everything. */
  ProgressListener NONE = p -> {};

  void onProgress(Progress progress);
}
