package io.dreamworker.worker.service;

import io.dreamworker.model.engine.EngineMetrics;
import io.dreamworker.worker.ingest.LoopObserver;
import io.dreamworker.worker.processing.JobObserver;
import io.dreamworker.worker.storage.StorageListener;

/**
 * Where a worker reports what happens inside it: the metrics registry and readiness in production,
 * nothing in tools, recorders in tests. Each hook is called on the thread of its part and must be
 * quick and must not throw.
 */
public record WorkerHooks(EngineMetrics engine, StorageListener storage, JobObserver jobs, LoopObserver loop) {
  /** Reports nothing. */
  public static final WorkerHooks NONE =
      new WorkerHooks(EngineMetrics.NONE, StorageListener.NONE, JobObserver.NONE, LoopObserver.NONE);

  public WorkerHooks {
    if (engine == null || storage == null || jobs == null || loop == null) {
      throw new IllegalArgumentException("every hook must be set (use the NONE of each for nothing)");
    }
  }

  public WorkerHooks withLoop(LoopObserver loop) {
    return new WorkerHooks(engine, storage, jobs, loop);
  }
}
