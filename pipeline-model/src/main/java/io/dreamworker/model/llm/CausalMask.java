package io.dreamworker.model.llm;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * The additive attention mask of a causal decoder with a cache, as transformers builds it for the
 * eager path: query {@code i} of the new tokens sits at slot {@code past + i} and may see key slot
 * {@code j} iff {@code j <= past + i} and the padding mask keeps {@code j}; allowed entries are 0,
 * the others the most negative float32 (so a row with nothing allowed softmaxes to uniform, not NaN).
 */
final class CausalMask {
  private CausalMask() {}

  /**
   * @param past cached slots before the new tokens
   * @param t new tokens
   * @param paddingMask [B, past + t] with 1 (or true) for real tokens and 0 for padding, or
   *     {@code null} for none
   * @return [B|1, 1, t, past + t] float32, or {@code null} when nothing is masked (one new token
   *     and no padding)
   */
  static NDArray additive(NDManager manager, long past, long t, NDArray paddingMask) {
    if (t == 1 && paddingMask == null) {
      return null;
    }
    long total = past + t;
    NDArray querySlots = manager.arange(past, total, 1, DataType.INT64).reshape(t, 1);
    NDArray keySlots = manager.arange(0, total, 1, DataType.INT64).reshape(1, total);
    NDArray allowed = keySlots.lte(querySlots).reshape(1, 1, t, total);
    if (paddingMask != null) {
      long b = paddingMask.getShape().get(0);
      NDArray keep = paddingMask.toType(DataType.BOOLEAN, false).reshape(b, 1, 1, total);
      allowed = allowed.logicalAnd(keep);
    }
    // 1 → 0, 0 → -max: the reference's torch.finfo(float32).min, without a where.
    return allowed.toType(DataType.FLOAT32, false).sub(1f).mul(Float.MAX_VALUE);
  }
}
