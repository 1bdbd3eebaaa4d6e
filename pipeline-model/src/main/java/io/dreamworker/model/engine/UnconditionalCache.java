package io.dreamworker.model.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The guidance condition of each recent negative prompt: DreamLLM runs the negative (by default
 * empty) prompt through the LLM and the dream queries, and for a fixed negative prompt that
 * result is the same for every request, so it is computed once. Least recently used entries are
 * dropped beyond the capacity. Callers copy what they take, so an eviction never frees an array
 * a request still uses. Engine thread only.
 */
final class UnconditionalCache implements AutoCloseable {
  private final NDManager manager;
  private final LinkedHashMap<String, NDArray> entries;

  UnconditionalCache(NDManager parent, int capacity) {
    this.manager = parent.newSubManager();
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, NDArray> eldest) {
        if (size() > capacity) {
          eldest.getValue().close();
          return true;
        }
        return false;
      }
    };
  }

  boolean contains(String negativePrompt) {
    return entries.containsKey(negativePrompt);
  }

  /** Stores a copy of a condition [1, N, D]. */
  void put(String negativePrompt, NDArray condition) {
    NDArray copy = condition.duplicate();
    copy.attach(manager);
    NDArray previous = entries.put(negativePrompt, copy);
    if (previous != null) {
      previous.close();
    }
  }

  /** The condition, copied into {@code into}. */
  NDArray get(String negativePrompt, NDManager into) {
    NDArray cached = entries.get(negativePrompt);
    if (cached == null) {
      throw new IllegalStateException("no cached condition for negative prompt '" + negativePrompt + "'");
    }
    NDArray copy = cached.duplicate();
    copy.attach(into);
    return copy;
  }

  @Override
  public void close() {
    manager.close();
  }
}
