package io.dreamworker.worker.cli;

import io.dreamworker.model.bundle.BundleManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The trained shapes bundle committed in the repository ({@code bundles/shapes}), the default model of
 * {@code demo} and {@code eval}. The launcher names it with {@code -Ddreamworker.shapes.bundle} so that
 * the commands find it from any working directory; without the property it is looked for under the
 * working directory.
 */
final class ShippedBundle {
  static final String PROPERTY = "dreamworker.shapes.bundle";
  static final Path RELATIVE = Path.of("bundles", "shapes");

  private ShippedBundle() {}

  /** Where the shipped bundle should be. */
  static Path location() {
    String configured = System.getProperty(PROPERTY);
    return configured == null || configured.isBlank() ? RELATIVE : Path.of(configured);
  }

  /** The shipped bundle, if it is there. */
  static Optional<Path> find() {
    Path dir = location();
    return Files.isRegularFile(dir.resolve(BundleManifest.FILE_NAME)) ? Optional.of(dir) : Optional.empty();
  }
}
