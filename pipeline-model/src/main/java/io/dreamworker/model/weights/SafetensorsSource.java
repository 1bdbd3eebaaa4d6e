package io.dreamworker.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tensors of one or more safetensors files (a sharded checkpoint), seen as one namespace. A
 * name present in two files is an error at open, since either choice would be a silent guess.
 */
public final class SafetensorsSource implements TensorSource, AutoCloseable {
  private final List<SafetensorsFile> files;
  private final Map<String, SafetensorsFile> owner;

  private SafetensorsSource(List<SafetensorsFile> files, Map<String, SafetensorsFile> owner) {
    this.files = files;
    this.owner = owner;
  }

  /**
   * Opens and validates every file.
   *
   * @throws SafetensorsException if a file is invalid or two files hold the same tensor name
   */
  public static SafetensorsSource open(List<Path> paths) throws IOException {
    List<SafetensorsFile> files = new ArrayList<>();
    Map<String, SafetensorsFile> owner = new LinkedHashMap<>();
    try {
      for (Path p : paths) {
        SafetensorsFile f = SafetensorsFile.open(p);
        files.add(f);
        for (String name : f.tensors().keySet()) {
          SafetensorsFile previous = owner.putIfAbsent(name, f);
          if (previous != null) {
            throw new SafetensorsException(
                "tensor '" + name + "' is in both " + previous.path() + " and " + p);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      for (SafetensorsFile f : files) {
        try {
          f.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
    return new SafetensorsSource(List.copyOf(files), Collections.unmodifiableMap(owner));
  }

  /** Opens one file. */
  public static SafetensorsSource open(Path path) throws IOException {
    return open(List.of(path));
  }

  @Override
  public Set<String> names() {
    return owner.keySet();
  }

  @Override
  public long[] shape(String name) {
    SafetensorsFile f = owner.get(name);
    return f == null ? null : f.info(name).shape();
  }

  /** The header entry of a tensor, or {@code null}. */
  public TensorInfo info(String name) {
    SafetensorsFile f = owner.get(name);
    return f == null ? null : f.info(name);
  }

  @Override
  public NDArray load(String name, NDManager manager) throws IOException {
    SafetensorsFile f = owner.get(name);
    if (f == null) {
      throw new IllegalArgumentException("no tensor named '" + name + "'");
    }
    return f.load(name, manager);
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (SafetensorsFile f : files) {
      try {
        f.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
