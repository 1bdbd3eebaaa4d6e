package io.dreamworker.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Tensors already in memory (random initialisation, training, tests). {@link #load} returns the
 * stored array itself, not a copy: components built from this source share its arrays.
 */
public final class MemorySource implements TensorSource {
  private final Map<String, NDArray> arrays;

  public MemorySource(Map<String, NDArray> arrays) {
    this.arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
  }

  /** The arrays, by name, in insertion order. */
  public Map<String, NDArray> arrays() {
    return arrays;
  }

  @Override
  public Set<String> names() {
    return arrays.keySet();
  }

  @Override
  public long[] shape(String name) {
    NDArray a = arrays.get(name);
    return a == null ? null : a.getShape().getShape();
  }

  /** The array itself, not a copy: training loads through this and relies on gradients reaching it. */
  @Override
  public NDArray load(String name, NDManager manager) {
    NDArray a = arrays.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no tensor named '" + name + "'");
    }
    return a;
  }
}
