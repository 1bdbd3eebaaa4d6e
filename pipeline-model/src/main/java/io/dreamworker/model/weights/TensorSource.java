package io.dreamworker.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.util.Set;

/**
 * Where a component's weights come from: safetensors files on disk, or arrays already in memory
 * (random initialisation, training). Names are full reference names, such as
 * {@code model.layers.0.self_attn.q_proj.weight}.
 */
public interface TensorSource {

  /** Every tensor name this source holds. */
  Set<String> names();

  /** The shape of a tensor, or {@code null} if this source has no such tensor. */
  long[] shape(String name);

  /**
   * Loads one tensor into {@code manager}.
   *
   * @throws IllegalArgumentException if there is no such tensor
   * @throws IOException if reading fails
   */
  NDArray load(String name, NDManager manager) throws IOException;
}
