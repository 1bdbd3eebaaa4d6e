package io.dreamworker.model.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The keys and values (after RoPE, before the grouped-query repetition) that a batch of sequences
 * has seen so far, per decoder layer: transformers' {@code DynamicCache} for one generation.
 * {@link #length()} is the number of cached slots, the same for every row; with left padding the
 * pad slots are cached too and the caller's attention mask hides them.
 *
 * <p>Each layer keeps a buffer [B, kvHeads, capacity, d] that grows by doubling, so appending one
 * token writes one slot instead of copying the whole history. A forward pass advances
 * {@link #length()} only once every layer has written, so a pass that fails leaves the cache as
 * it was. Not thread-safe: one cache belongs to one generation at a time. Closing it frees the
 * buffers.
 */
public final class LlamaKvCache implements AutoCloseable {
  private static final long MIN_CAPACITY = 16;

  private final NDManager manager;
  private final NDArray[] keys;
  private final NDArray[] values;
  private int length;
  private long batchSize = -1;

  LlamaKvCache(NDManager parent, int layers) {
    this.manager = parent.newSubManager();
    this.keys = new NDArray[layers];
    this.values = new NDArray[layers];
  }

  /** Cached slots per row: the position offset of the next token when there is no padding. */
  public int length() {
    return length;
  }

  /** The batch size fixed by the first forward pass, or -1 before it. */
  public long batchSize() {
    return batchSize;
  }

  void checkBatch(long batch) {
    if (batchSize >= 0 && batch != batchSize) {
      throw new IllegalArgumentException(
          "this KV cache holds a batch of " + batchSize + " rows but the input has " + batch
              + ": use one cache per batch");
    }
  }

  /**
   * Writes a layer's new keys and values after the cached ones.
   *
   * @param k [B, kvHeads, T, d]
   * @param v [B, kvHeads, T, d]
   * @return the layer's keys and values over all {@code length + T} slots (views)
   */
  NDList append(int layer, NDArray k, NDArray v) {
    checkBatch(k.getShape().get(0));
    long t = k.getShape().get(2);
    long end = length + t;
    keys[layer] = ensureCapacity(keys[layer], k, end);
    values[layer] = ensureCapacity(values[layer], v, end);
    NDIndex fresh = new NDIndex().addAllDim(2).addSliceDim(length, end);
    keys[layer].set(fresh, k);
    values[layer].set(fresh, v);
    NDIndex all = new NDIndex().addAllDim(2).addSliceDim(0, end);
    return new NDList(keys[layer].get(all), values[layer].get(all));
  }

  /**
   * Writes a layer's new keys and values after the cached ones, like {@link #append} without
   * returning views; the caller advances once every layer has written.
   */
  void write(int layer, NDArray k, NDArray v) {
    checkBatch(k.getShape().get(0));
    long end = length + k.getShape().get(2);
    keys[layer] = ensureCapacity(keys[layer], k, end);
    values[layer] = ensureCapacity(values[layer], v, end);
    NDIndex fresh = new NDIndex().addAllDim(2).addSliceDim(length, end);
    keys[layer].set(fresh, k);
    values[layer].set(fresh, v);
  }

  /**
   * Uses {@code k} and {@code v} [B, kvHeads, capacity, d] as the layer's buffers (their first
   * {@link #length()} + advanced slots are taken as cached); for a fresh cache only.
   */
  void adopt(int layer, NDArray k, NDArray v) {
    if (keys[layer] != null || length > 0) {
      throw new IllegalStateException("layer " + layer + " of this KV cache already holds entries");
    }
    checkBatch(k.getShape().get(0));
    keys[layer] = k;
    values[layer] = v;
    batchSize = k.getShape().get(0);
  }

  /** The layer's whole key ({@code true}) or value buffer, [B, kvHeads, capacity, d]. */
  NDArray buffer(int layer, boolean key) {
    return key ? keys[layer] : values[layer];
  }

  /** Layer {@code layer}'s cached keys, [B, kvHeads, length, d] (a view), or null when empty. */
  NDArray keys(int layer) {
    return length == 0 ? null : keys[layer].get(new NDIndex().addAllDim(2).addSliceDim(0, length));
  }

  /** Layer {@code layer}'s cached values, [B, kvHeads, length, d] (a view), or null when empty. */
  NDArray values(int layer) {
    return length == 0 ? null : values[layer].get(new NDIndex().addAllDim(2).addSliceDim(0, length));
  }

  int layers() {
    return keys.length;
  }

  NDManager manager() {
    return manager;
  }

  /** Marks {@code t} more slots as cached, once every layer has appended them. */
  void advance(long t) {
    length = Math.toIntExact(length + t);
  }

  private NDArray ensureCapacity(NDArray buffer, NDArray like, long needed) {
    if (buffer != null && buffer.getShape().get(2) >= needed) {
      return buffer;
    }
    Shape s = like.getShape();
    long capacity = Math.max(needed, Math.max(MIN_CAPACITY, buffer == null ? 0 : 2 * buffer.getShape().get(2)));
    NDArray grown = manager.zeros(new Shape(s.get(0), s.get(1), capacity, s.get(3)), like.getDataType(), like.getDevice());
    // The buffer outlives the forward pass's scope; the cache's manager owns it.
    NDScope.unregister(grown);
    if (buffer != null) {
      if (length > 0) {
        NDIndex kept = new NDIndex().addAllDim(2).addSliceDim(0, length);
        grown.set(kept, buffer.get(kept));
      }
      buffer.close();
    }
    batchSize = s.get(0);
    return grown;
  }

  @Override
  public void close() {
    manager.close();
  }
}
