package io.dreamworker.model.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The keys and values (after RoPE, before the grouped-query repetition) that a batch of sequences
 * has seen so far, per decoder layer: transformers' {@code DynamicCache} for one generation.
 * {@link #length()} is the number of cached slots, the same for every row; with left padding the
 * pad slots are cached too and the caller's attention mask hides them.
 *
 * <p>All layers share one buffer [2 * layers, B, kvHeads, capacity, d] (keys of layer l at 2l,
 * values at 2l + 1) that grows by doubling, so appending one token writes one slot instead of
 * copying the whole history, and a whole sequence's history moves in one copy (see
 * {@link KvBatch}). A forward pass advances
 * {@link #length()} only once every layer has written, so a pass that fails leaves the cache as
 * it was. Not thread-safe: one cache belongs to one generation at a time. Closing it frees the
 * buffers.
 */
public final class LlamaKvCache implements AutoCloseable {
  private static final long MIN_CAPACITY = 16;

  private final NDManager manager;
  private final int layers;
  /** [2 * layers, B, kvHeads, capacity, d], or null before the first append. */
  private NDArray buffer;
  private int length;
  private long batchSize = -1;

  LlamaKvCache(NDManager parent, int layers) {
    this.manager = parent.newSubManager();
    this.layers = layers;
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
    long end = length + k.getShape().get(2);
    ensureCapacity(k.getShape(), k.getDataType(), end);
    buffer.set(new NDIndex().addIndices(2L * layer).addAllDim(2).addSliceDim(length, end), k);
    buffer.set(new NDIndex().addIndices(2L * layer + 1).addAllDim(2).addSliceDim(length, end), v);
    return new NDList(
        buffer.get(new NDIndex().addIndices(2L * layer).addAllDim(2).addSliceDim(0, end)),
        buffer.get(new NDIndex().addIndices(2L * layer + 1).addAllDim(2).addSliceDim(0, end)));
  }

  /**
   * Every layer's cached keys and values, [2 * layers, B, kvHeads, length, d] (a view), or null
   * when empty.
   */
  NDArray all() {
    return length == 0 ? null : buffer.get(new NDIndex().addAllDim(3).addSliceDim(0, length));
  }

  /**
   * Writes every layer's new keys and values after the cached ones and advances.
   *
   * @param kv [2 * layers, B, kvHeads, T, d], laid out as {@link #all()}
   */
  void appendAll(NDArray kv) {
    Shape s = kv.getShape();
    checkBatch(s.get(1));
    long end = length + s.get(3);
    ensureCapacity(new Shape(s.get(1), s.get(2), s.get(3), s.get(4)), kv.getDataType(), end);
    buffer.set(new NDIndex().addAllDim(3).addSliceDim(length, end), kv);
    advance(s.get(3));
  }

  /**
   * Uses {@code kv} [2 * layers, B, kvHeads, capacity, d] as the buffer of this still empty cache;
   * the caller fills the first slots and {@link #advance}s over them.
   */
  void adopt(NDArray kv) {
    if (buffer != null || length > 0) {
      throw new IllegalStateException("this KV cache already holds entries");
    }
    checkBatch(kv.getShape().get(1));
    buffer = kv;
    batchSize = kv.getShape().get(1);
  }

  int layers() {
    return layers;
  }

  NDManager manager() {
    return manager;
  }

  /** Marks {@code t} more slots as cached, once every layer has appended them. */
  void advance(long t) {
    length = Math.toIntExact(length + t);
  }

  /** Makes room for {@code needed} slots; {@code row} is one layer's [B, kvHeads, T, d]. */
  private void ensureCapacity(Shape row, DataType type, long needed) {
    if (buffer != null && buffer.getShape().get(3) >= needed) {
      return;
    }
    long capacity = Math.max(needed, Math.max(MIN_CAPACITY, buffer == null ? 0 : 2 * buffer.getShape().get(3)));
    NDArray grown = manager.zeros(new Shape(2L * layers, row.get(0), row.get(1), capacity, row.get(3)), type);
    // The buffer outlives the forward pass's scope; the cache's manager owns it.
    NDScope.unregister(grown);
    if (buffer != null) {
      if (length > 0) {
        NDIndex kept = new NDIndex().addAllDim(3).addSliceDim(0, length);
        grown.set(kept, buffer.get(kept));
      }
      buffer.close();
    }
    batchSize = row.get(0);
    buffer = grown;
  }

  @Override
  public void close() {
    manager.close();
  }
}
