package io.dreamworker.worker.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the embedded servers' jars are: a folder holding {@code kafka/} (the broker's run-time class
 * path) and {@code s3proxy/} (s3proxy's self-contained jar), as the {@code stack} Maven module
 * writes them to {@code stack/target/stack-lib}. The launcher and the worker's surefire runs pass
 * the folder in the system property {@value #PROPERTY}.
 *
 * @param root the folder holding {@code kafka/} and {@code s3proxy/}
 */
public record StackLib(Path root) {
  /** The system property naming the folder. */
  public static final String PROPERTY = "dreamworker.stack.lib";

  /** How to build the folder, for error messages. */
  static final String BUILD_HINT = "build it with ./mvnw -pl stack package (or ./dreamworker, which builds it on first run)";

  /** Sub-folder with the Kafka broker's class path. */
  static final String KAFKA = "kafka";
  /** Sub-folder with s3proxy's jar. */
  static final String S3PROXY = "s3proxy";
  /** Sub-folder for the class-data-sharing archives that halve the servers' start times. */
  static final String CDS = "cds";

  /** Validates that both class paths are present, so that a missing build fails here and clearly. */
  public StackLib {
    root = root.toAbsolutePath().normalize();
    for (String part : List.of(KAFKA, S3PROXY)) {
      Path dir = root.resolve(part);
      if (jarsIn(dir).isEmpty()) {
        throw new StackException("the embedded stack's servers are not built: " + dir
            + " holds no jars; " + BUILD_HINT + ", or set -D" + PROPERTY
            + "=DIR to a folder holding kafka/ and s3proxy/");
      }
    }
  }

  /** The folder named by the system property {@value #PROPERTY}. */
  public static StackLib fromSystemProperty() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      throw new StackException("the system property " + PROPERTY + " is not set: it names the folder"
          + " holding the embedded servers' jars (stack/target/stack-lib in a checkout); " + BUILD_HINT
          + " and pass -D" + PROPERTY + "=<checkout>/stack/target/stack-lib");
    }
    return new StackLib(Path.of(value));
  }

  /** The Kafka broker's class path, jars in name order so that it is the same on every start. */
  List<Path> kafkaClasspath() {
    return jarsIn(root.resolve(KAFKA));
  }

  /** s3proxy's class path: its one self-contained jar. */
  List<Path> s3proxyClasspath() {
    return jarsIn(root.resolve(S3PROXY));
  }

  /**
   * Where the class-data-sharing archive of one kind of child JVM lives (one per JDK feature
   * release, so that two JDKs do not keep overwriting each other's), or nothing when the folder
   * cannot be written (an installed, read-only copy): the servers then start without it.
   */
  Optional<Path> classDataArchive(String name) {
    Path dir = root.resolve(CDS);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (!Files.isWritable(dir)) {
      return Optional.empty();
    }
    return Optional.of(dir.resolve(name + "-jdk" + Runtime.version().feature() + ".jsa"));
  }

  private static List<Path> jarsIn(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
