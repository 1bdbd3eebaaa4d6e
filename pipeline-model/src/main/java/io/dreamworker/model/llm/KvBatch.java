package io.dreamworker.model.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * One batched LLM pass over sequences that each keep their own KV cache (one row each) and each
 * bring their own number of new positions: continuous batching without a shared batch cache.
 *
 * <p>Layout of row r in the pass: {@code [pad][cache_r][pad][new_r]}, left-padded to the longest
 * cache and to the most new positions, so every row's last new position is the pass's last
 * position. The attention mask hides the pads and position ids follow from it, so each row
 * computes what it would alone (the engine's batch-independence tests check this). After the
 * pass, each row's new keys and values are appended to its own cache; the batch cache is freed.
 *
 * <p>A single row runs on its own cache directly. Otherwise this copies each row's cache (all
 * layers at once) into one batch buffer every pass, O(total cached positions) per step. vLLM
 * avoids the copy with paged attention kernels that DJL does not expose; at the sizes this runs
 * on a CPU, the copy costs less than the pass's per-op overhead (see the engine benchmark).
 */
public final class KvBatch {
  private KvBatch() {}

  /**
   * The outputs of a pass, per row.
   *
   * @param lastLogits [B, V] logits at each row's last new position, or null when not asked
   * @param lastHidden [B, T, H] final-norm hidden states of the new positions (left-padded to T)
   * @param newPositions T, the padded count of new positions
   */
  public record Result(NDArray lastLogits, NDArray lastHidden, long newPositions) {}

  /**
   * Runs one pass.
   *
   * @param model the LLM
   * @param caches one cache per row, each holding a single sequence (possibly empty)
   * @param inputs one [1, t_r, H] embedding block per row, t_r ≥ 1
   * @param logits whether to compute the last position's logits
   * @param manager where the outputs are attached
   */
  public static Result forward(LlamaForCausalLM model, List<LlamaKvCache> caches, List<NDArray> inputs,
      boolean logits, NDManager manager) {
    int rows = caches.size();
    if (inputs.size() != rows || rows == 0) {
      throw new IllegalArgumentException("need one input per cache, got " + inputs.size() + " for " + rows);
    }
    int layers = model.config().numHiddenLayers();
    long maxPast = 0;
    long maxNew = 0;
    for (int r = 0; r < rows; r++) {
      LlamaKvCache c = caches.get(r);
      if (c.batchSize() > 1) {
        throw new IllegalArgumentException("row " + r + "'s cache holds " + c.batchSize() + " rows; one sequence per cache");
      }
      maxPast = Math.max(maxPast, c.length());
      maxNew = Math.max(maxNew, inputs.get(r).getShape().get(1));
    }
    if (rows == 1) {
      // One row needs no padding: the pass runs on the row's own cache, as a plain cached step.
      return alone(model, caches.get(0), inputs.get(0), logits, manager);
    }
    long total = maxPast + maxNew;
    // The scope closes every view this pass creates in the rows' caches (gathers and appends).
    try (NDScope scope = new NDScope(); NDManager scratch = manager.newSubManager()) {
      long[] mask = new long[Math.toIntExact(rows * total)];
      for (int r = 0; r < rows; r++) {
        int past = caches.get(r).length();
        long fresh = inputs.get(r).getShape().get(1);
        int base = Math.toIntExact(r * total);
        for (long i = maxPast - past; i < maxPast; i++) {
          mask[Math.toIntExact(base + i)] = 1;
        }
        for (long i = total - fresh; i < total; i++) {
          mask[Math.toIntExact(base + i)] = 1;
        }
      }
      // One zeroed buffer for all layers sized for the whole pass, so the pass's own appends
      // write in place instead of growing (and copying) the batch cache; each row's history is
      // copied once.
      LlamaConfig config = model.config();
      NDArray kv = scratch.zeros(
          new Shape(2L * layers, rows, config.numKeyValueHeads(), total, config.headDim()), DataType.FLOAT32);
      for (int r = 0; r < rows; r++) {
        LlamaKvCache c = caches.get(r);
        int past = c.length();
        if (past > 0) {
          kv.set(new NDIndex().addAllDim().addSliceDim(r, r + 1).addAllDim().addSliceDim(maxPast - past, maxPast),
              c.all());
        }
      }
      LlamaKvCache batch = model.newCache(scratch);
      batch.adopt(kv);
      batch.advance(maxPast);
      NDList padded = new NDList();
      for (NDArray in : inputs) {
        long fresh = in.getShape().get(1);
        padded.add(fresh == maxNew ? in : NDArrays.concat(new NDList(
            scratch.zeros(new Shape(1, maxNew - fresh, in.getShape().get(2)), in.getDataType()), in), 1));
      }
      NDArray embeds = NDArrays.concat(padded, 0);
      embeds.attach(scratch);
      NDArray attention = scratch.create(mask, new Shape(rows, total));
      LlamaOutput out = model.forward(LlamaInput.ofEmbeds(embeds).withAttentionMask(attention)
          .withLogits(logits ? LogitsMode.LAST : LogitsMode.NONE), batch);
      // Each row's new slots go to the end of its own cache.
      for (int r = 0; r < rows; r++) {
        long fresh = inputs.get(r).getShape().get(1);
        caches.get(r).appendAll(
            kv.get(new NDIndex().addAllDim().addSliceDim(r, r + 1).addAllDim().addSliceDim(total - fresh, total)));
      }
      NDArray lastLogits = logits ? out.logits().squeeze(1) : null;
      NDArray hidden = out.lastHidden();
      if (lastLogits != null) {
        lastLogits.attach(manager);
        NDScope.unregister(lastLogits);
      }
      hidden.attach(manager);
      NDScope.unregister(hidden);
      batch.close();
      return new Result(lastLogits, hidden, maxNew);
    }
  }

  private static Result alone(LlamaForCausalLM model, LlamaKvCache cache, NDArray input, boolean logits,
      NDManager manager) {
    try (NDScope scope = new NDScope()) {
      LlamaOutput out = model.forward(LlamaInput.ofEmbeds(input)
          .withLogits(logits ? LogitsMode.LAST : LogitsMode.NONE), cache);
      NDArray lastLogits = logits ? out.logits().squeeze(1) : null;
      NDArray hidden = out.lastHidden();
      if (lastLogits != null) {
        lastLogits.attach(manager);
        NDScope.unregister(lastLogits);
      }
      hidden.attach(manager);
      NDScope.unregister(hidden);
      return new Result(lastLogits, hidden, input.getShape().get(1));
    }
  }
}
