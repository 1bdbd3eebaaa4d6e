package io.dreamworker.model.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the reference fixtures: the directory named by the system property
 * {@code dreamworker.fixtures}, else {@code ../shared/fixtures} beside the repository. Each
 * subdirectory is one case (see {@link FixtureCase}).
 */
public final class Fixtures {
  public static final String PROPERTY = "dreamworker.fixtures";

  private Fixtures() {}

  public static Path root() {
    String configured = System.getProperty(PROPERTY);
    Path root;
    if (configured != null && !configured.isBlank()) {
      root = Path.of(configured);
    } else {
      root = repositoryRoot().resolve("../shared/fixtures");
    }
    root = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException(
          "reference fixtures not found at " + root + ": set -D" + PROPERTY + "=DIR");
    }
    return root;
  }

  /** Every case folder under {@link #root()}, sorted by name. */
  public static List<FixtureCase> cases() {
    return cases(root());
  }

  /** Every case folder under {@code root}, sorted by name. */
  public static List<FixtureCase> cases(Path root) {
    try (Stream<Path> s = Files.list(root)) {
      return s.filter(Files::isDirectory)
          .sorted()
          .map(FixtureCase::new)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The one case of a kind (for tests of a single component). */
  public static FixtureCase ofKind(String kind) {
    return cases().stream()
        .filter(c -> Files.exists(c.file("case.json")) && c.kind().equals(kind))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no fixture case of kind " + kind));
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("mvnw"))) {
        return p;
      }
    }
    return dir;
  }
}
