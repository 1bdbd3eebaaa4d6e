package io.dreamworker.worker.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code bundle} section: which model the worker serves, and where.
 *
 * @param path directory holding the bundle's {@code bundle.json}
 * @param device where the model runs
 */
public record BundleSettings(Path path, Device device) {

  public BundleSettings {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(device, "device");
  }

  /** Where the model runs. */
  public enum Device {
    /** A GPU when the engine finds one, else the CPU. */
    AUTO,
    /** The CPU, even when there is a GPU. */
    CPU,
    /** A GPU; failing to start without one is better than running a hundred times slower. */
    GPU
  }
}
