package io.dreamworker.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A component's view of a {@link TensorSource}: names relative to a prefix (the reference's module
 * path, such as {@code vision_tower.vision_model.}), shape checks with messages that name the
 * tensor, and a record of which tensors were taken, so that a loader can report the ones no
 * component used.
 *
 * <p>Arrays are loaded into the manager given at the root; they live as long as it does.
 */
public final class Weights {
  private final TensorSource source;
  private final NDManager manager;
  private final String prefix;
  private final Set<String> used;

  private Weights(TensorSource source, NDManager manager, String prefix, Set<String> used) {
    this.source = source;
    this.manager = manager;
    this.prefix = prefix;
    this.used = used;
  }

  /** A root view: names are the source's own. */
  public static Weights of(TensorSource source, NDManager manager) {
    return new Weights(source, manager, "", ConcurrentHashMap.newKeySet());
  }

  /** A view one module deeper: {@code child("layers.0")} reads {@code prefix + "layers.0." + name}. */
  public Weights child(String module) {
    return new Weights(source, manager, prefix + module + ".", used);
  }

  /** A view under a raw prefix (used as given; no dot is added). */
  public Weights withPrefix(String rawPrefix) {
    return new Weights(source, manager, prefix + rawPrefix, used);
  }

  /** The manager arrays are loaded into. */
  public NDManager manager() {
    return manager;
  }

  /** The full name of a relative one. */
  public String fullName(String name) {
    return prefix + name;
  }

  /** Whether the source holds this (relative) name. */
  public boolean has(String name) {
    return source.shape(prefix + name) != null;
  }

  /** The shape of a (relative) name, or {@code null} if absent. */
  public long[] shape(String name) {
    return source.shape(prefix + name);
  }

  /**
   * Loads a tensor and checks its shape.
   *
   * @param expectedShape the shape the component's config implies; empty to skip the check
   * @throws WeightsException naming the tensor when it is missing, has another shape, or
   *     cannot be read
   */
  public NDArray get(String name, long... expectedShape) {
    String full = prefix + name;
    long[] actual = source.shape(full);
    if (actual == null && source instanceof RandomInitSource random && expectedShape.length > 0) {
      NDArray array = random.create(full, expectedShape, manager);
      used.add(full);
      return array;
    }
    if (actual == null) {
      throw new WeightsException(
          "missing tensor '" + full + "'"
              + (expectedShape.length > 0 ? " (expected shape " + Arrays.toString(expectedShape) + ")" : "")
              + nearby(full));
    }
    if (expectedShape.length > 0 && !Arrays.equals(actual, expectedShape)) {
      throw new WeightsException(
          "tensor '" + full + "' has shape " + Arrays.toString(actual) + " but the config implies "
              + Arrays.toString(expectedShape));
    }
    try {
      NDArray array = source.load(full, manager);
      used.add(full);
      return array;
    } catch (IOException e) {
      throw new WeightsException("cannot read tensor '" + full + "': " + e.getMessage(), e);
    }
  }

  /** Loads a tensor if the source has it (an optional bias, say), else returns {@code null}. */
  public NDArray find(String name, long... expectedShape) {
    return has(name) ? get(name, expectedShape) : null;
  }

  /** Names of the source that no view of this root has loaded yet, sorted. */
  public Set<String> unused() {
    return source.names().stream()
        .filter(n -> !used.contains(n))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private String nearby(String full) {
    int cut = full.lastIndexOf('.', full.length() - 1);
    String parent = cut > 0 ? full.substring(0, cut + 1) : "";
    Set<String> siblings = source.names().stream()
        .filter(n -> n.startsWith(parent))
        .limit(8)
        .collect(Collectors.toCollection(TreeSet::new));
    return siblings.isEmpty()
        ? "; the source has no tensor under '" + parent + "'"
        : "; under '" + parent + "' the source has " + siblings;
  }
}
