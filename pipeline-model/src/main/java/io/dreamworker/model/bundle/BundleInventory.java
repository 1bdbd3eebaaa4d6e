package io.dreamworker.model.bundle;

import io.dreamworker.model.weights.DType;
import io.dreamworker.model.weights.SafetensorsSource;
import io.dreamworker.model.weights.TensorInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a bundle holds, read from {@code bundle.json} and the safetensors headers alone (no tensor
 * is loaded): per component, the tensor count, parameter count, bytes on disk and bytes once
 * loaded (F16/BF16 are widened to F32 on the CPU).
 *
 * @param manifest the bundle's manifest
 * @param components per role, in manifest order
 * @param unassigned tensors under no component's prefix (a converter bug, usually)
 */
public record BundleInventory(
    BundleManifest manifest, Map<String, ComponentStats> components, List<String> unassigned) {

  /**
   * @param tensors number of tensors under the component's prefix
   * @param parameters number of elements
   * @param diskBytes bytes in the files
   * @param loadedBytes bytes once loaded (after widening)
   * @param dtypes tensor count per on-disk dtype
   */
  public record ComponentStats(
      String kind, String prefix, int tensors, long parameters, long diskBytes, long loadedBytes,
      Map<DType, Integer> dtypes) {}

  /** Reads the inventory of the bundle in {@code dir}. */
  public static BundleInventory read(Path dir) throws IOException {
    BundleManifest manifest = BundleManifest.read(dir);
    List<Path> files = manifest.weights().stream().map(dir::resolve).toList();
    try (SafetensorsSource source = SafetensorsSource.open(files)) {
      Map<String, ComponentStats> stats = new LinkedHashMap<>();
      Set<String> unassigned = new TreeSet<>(source.names());
      for (var e : manifest.components().entrySet()) {
        ComponentSpec spec = e.getValue();
        int tensors = 0;
        long params = 0;
        long disk = 0;
        long loaded = 0;
        Map<DType, Integer> dtypes = new TreeMap<>();
        if (!spec.prefix().isEmpty()) {
          for (String name : source.names()) {
            if (!name.startsWith(spec.prefix())) {
              continue;
            }
            TensorInfo info = source.info(name);
            tensors++;
            params += info.elementCount();
            disk += info.byteLength();
            loaded += info.elementCount() * info.dtype().loadedAs().getNumOfBytes();
            dtypes.merge(info.dtype(), 1, Integer::sum);
            unassigned.remove(name);
          }
        }
        stats.put(e.getKey(), new ComponentStats(spec.kind(), spec.prefix(), tensors, params, disk, loaded, dtypes));
      }
      return new BundleInventory(manifest, stats, List.copyOf(unassigned));
    }
  }

  /** Parameters over all components. */
  public long totalParameters() {
    return components.values().stream().mapToLong(ComponentStats::parameters).sum();
  }

  /** Loaded bytes over all components. */
  public long totalLoadedBytes() {
    return components.values().stream().mapToLong(ComponentStats::loadedBytes).sum();
  }
}
