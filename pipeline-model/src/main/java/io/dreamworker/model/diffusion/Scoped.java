package io.dreamworker.model.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import java.util.function.Supplier;

/**
 * Runs one step of a forward pass so that its intermediates are freed as soon as it returns: the
 * step runs in a fresh {@link NDScope}, every array it created is closed except the results, and
 * the results are handed to the enclosing scope (if there is one) so that they are freed there in
 * turn. Without this, the attention scores of every block of a UNet pass (hundreds of megabytes
 * each at Stable Diffusion sizes) would stay alive until the whole pass ends.
 *
 * <p>The step must return arrays it created itself, not one of its inputs.
 */
public final class Scoped {
  private Scoped() {}

  /** Runs {@code step}, keeping only the array it returns. */
  public static NDArray compute(Supplier<NDArray> step) {
    NDArray result;
    try (NDScope scope = new NDScope()) {
      result = step.get();
      NDScope.unregister(result);
    }
    NDScope.register(result);
    return result;
  }

  /** Runs {@code step}, keeping only the arrays of the list it returns. */
  public static NDList computeAll(Supplier<NDList> step) {
    NDList result;
    try (NDScope scope = new NDScope()) {
      result = step.get();
      NDScope.unregister(result);
    }
    for (NDArray a : result) {
      NDScope.register(a);
    }
    return result;
  }
}
