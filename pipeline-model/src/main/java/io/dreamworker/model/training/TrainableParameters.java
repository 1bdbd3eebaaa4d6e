package io.dreamworker.model.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dreamworker.model.weights.MemorySource;
import io.dreamworker.model.weights.RandomInitSource;
import io.dreamworker.model.weights.TensorSource;
import io.dreamworker.model.weights.Weights;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One component's weights as training sees them: arrays owned by a training manager (never memory
 * maps, since the optimizer updates them in place), each marked as requiring a gradient, by the
 * reference's own names. It is a {@link TensorSource}, so the component is built by its ordinary
 * loader over it and its forward pass, run inside a {@link ai.djl.training.GradientCollector},
 * records the graph back to these arrays: the trained model and the served model are the same code.
 *
 * <p>Initial values come from {@link RandomInitSource} (a pure function of the seed and each
 * tensor's name), so a training run is reproducible from its seed.
 */
public final class TrainableParameters implements TensorSource {
  /** The trainable arrays themselves: loading hands out each array, not a copy, so gradients flow back to it. */
  private final MemorySource source;

  private TrainableParameters(Map<String, NDArray> arrays) {
    this.source = new MemorySource(arrays);
  }

  /**
   * Invents the tensors {@code loader} asks for (with {@link RandomInitSource} at gain 1) and copies
   * them into {@code manager} as trainable arrays.
   *
   * @param loader builds the component over the weights it is given (its result is discarded)
   */
  public static TrainableParameters initialise(NDManager manager, long seed, Consumer<Weights> loader) {
    RandomInitSource random = new RandomInitSource(seed, 1f);
    Map<String, NDArray> out = new LinkedHashMap<>();
    try (NDManager scratch = manager.newSubManager()) {
      loader.accept(Weights.of(random, scratch));
      random.created().forEach((name, array) -> out.put(name, owned(array, manager)));
    }
    return new TrainableParameters(out);
  }

  /** Copies existing weights (a loaded bundle's component, say) into {@code manager} as trainable arrays. */
  public static TrainableParameters copyOf(NDManager manager, Map<String, NDArray> weights) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    weights.forEach((name, array) -> out.put(name, owned(array, manager)));
    return new TrainableParameters(out);
  }

  private static NDArray owned(NDArray array, NDManager manager) {
    NDArray copy = array.duplicate();
    copy.attach(manager);
    copy.setRequiresGradient(true);
    return copy;
  }

  /** The arrays by full name, in the order the loader asked for them. */
  public Map<String, NDArray> arrays() {
    return source.arrays();
  }

  /**
   * Whether backward passes compute gradients for these arrays. A stage that only passes gradients
   * through a component (to the dream queries through the LLM, say) freezes it, which saves the
   * work and leaves no stale gradients for a later stage's optimizer.
   */
  public void setTrainable(boolean trainable) {
    source.arrays().values().forEach(a -> a.setRequiresGradient(trainable));
  }

  /** The number of scalar parameters. */
  public long count() {
    return source.arrays().values().stream().mapToLong(NDArray::size).sum();
  }

  @Override
  public Set<String> names() {
    return source.names();
  }

  @Override
  public long[] shape(String name) {
    return source.shape(name);
  }

  /** The trainable array itself (not a copy), so gradients flow back to it. */
  @Override
  public NDArray load(String name, NDManager manager) {
    return source.load(name, manager);
  }
}
