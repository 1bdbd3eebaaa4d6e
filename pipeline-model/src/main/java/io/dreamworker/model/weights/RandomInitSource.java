package io.dreamworker.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A source that invents each tensor the first time a component asks for it, with the shape the
 * component's config implies. Building a component over this source and then writing
 * {@link #created()} gives a random checkpoint with exactly the names and shapes the loader
 * expects, so the generator of test bundles can never drift from the loading code.
 *
 * <p>Values are a pure function of the seed and the tensor's name (not of the order of requests,
 * nor of the engine's random state): norm weights are 1, biases 0, other tensors are drawn from
 * N(0, gain / sqrt(fan_in)). Optional tensors ({@link Weights#find}) are not invented.
 */
public final class RandomInitSource implements TensorSource {
  private final long seed;
  private final float gain;
  private final Map<String, NDArray> created = new LinkedHashMap<>();

  /**
   * @param seed fixes every value
   * @param gain scales the standard deviation of weights (1 keeps activations near unit scale)
   */
  public RandomInitSource(long seed, float gain) {
    this.seed = seed;
    this.gain = gain;
  }

  /** Every tensor invented so far, by full name, in request order. */
  public Map<String, NDArray> created() {
    return Collections.unmodifiableMap(created);
  }

  @Override
  public synchronized Set<String> names() {
    return Set.copyOf(created.keySet());
  }

  @Override
  public synchronized long[] shape(String name) {
    NDArray a = created.get(name);
    return a == null ? null : a.getShape().getShape();
  }

  @Override
  public synchronized NDArray load(String name, NDManager manager) {
    NDArray a = created.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no tensor named '" + name + "' was created");
    }
    return a;
  }

  /** Invents (or returns the already invented) tensor {@code name} of {@code shape}. */
  synchronized NDArray create(String name, long[] shape, NDManager manager) {
    NDArray existing = created.get(name);
    if (existing != null) {
      return existing;
    }
    int n = Math.toIntExact(new Shape(shape).size());
    ByteBuffer buf = ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder());
    String leaf = name.substring(name.lastIndexOf('.') + 1);
    boolean isNorm = name.matches(".*(norm|ln_|layrnorm)[^.]*\\.weight$") && shape.length == 1;
    if (isNorm) {
      for (int i = 0; i < n; i++) {
        buf.putFloat(1f);
      }
    } else if (leaf.equals("bias")) {
      for (int i = 0; i < n; i++) {
        buf.putFloat(0f);
      }
    } else {
      long fanIn = 1;
      for (int i = 1; i < shape.length; i++) {
        fanIn *= shape[i];
      }
      double std = gain / Math.sqrt(Math.max(1, shape.length == 1 ? shape[0] : fanIn));
      SplittableRandom random = new SplittableRandom(seed ^ stableHash(name));
      for (int i = 0; i < n; i++) {
        buf.putFloat((float) (random.nextGaussian() * std));
      }
    }
    buf.rewind();
    NDArray array = manager.create(buf, new Shape(shape), DataType.FLOAT32);
    created.put(name, array);
    return array;
  }

  private static long stableHash(String s) {
    long h = 1125899906842597L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + b;
    }
    return h;
  }
}
