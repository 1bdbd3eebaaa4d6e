package io.dreamworker.worker.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Copies a model bundle stored under an S3 prefix (the folder holding {@code bundle.json}) to a
 * local directory, for a container that fetches its bundle at start. Each GET is retried like the
 * worker's own reads. The files land in a sibling temporary folder first and replace the target in
 * one move, so a fetch that fails half-way never leaves a half bundle where the worker looks.
 */
public final class BundleDownload {
  private final S3Client s3;
  private final StorageRetry retry;

  public BundleDownload(S3Client s3, S3Settings.RetrySettings retry, StorageListener listener) {
    this.s3 = s3;
    this.retry = new StorageRetry(Operation.GET, retry, listener);
  }

  /**
   * Downloads every object under {@code source} (such as {@code s3://models/shapes/v3/}) into
   * {@code target}, keeping the relative paths.
   *
   * @return the files written, relative to {@code target}
   * @throws IllegalArgumentException when nothing is under the prefix or it holds no bundle.json
   */
  public List<Path> fetch(S3Location source, Path target) throws IOException {
    String prefix = source.key().endsWith("/") ? source.key() : source.key() + "/";
    List<S3Object> objects = new ArrayList<>();
    retry.call(source, () -> {
      objects.clear();
      s3.listObjectsV2Paginator(b -> b.bucket(source.bucket()).prefix(prefix)).contents().forEach(objects::add);
      return objects.size();
    });
    List<String> keys = objects.stream().map(S3Object::key).filter(k -> !k.endsWith("/")).toList();
    if (keys.stream().noneMatch(k -> k.equals(prefix + "bundle.json"))) {
      throw new IllegalArgumentException("s3://" + source.bucket() + "/" + prefix + " holds no bundle.json ("
          + keys.size() + " objects under it); point at the folder that holds the bundle's bundle.json");
    }
    Path dir = target.toAbsolutePath().normalize();
    Path parent = dir.getParent();
    Files.createDirectories(parent);
    Path staging = Files.createTempDirectory(parent, "." + dir.getFileName() + ".fetch-");
    List<Path> written = new ArrayList<>();
    try {
      for (String key : keys) {
        Path relative = Path.of(key.substring(prefix.length()));
        Path file = staging.resolve(relative).normalize();
        if (!file.startsWith(staging)) {
          throw new IllegalArgumentException("the key " + key + " would leave the target folder");
        }
        Files.createDirectories(file.getParent());
        S3Location location = new S3Location(source.bucket(), key);
        retry.call(location, () -> {
          s3.getObject(b -> b.bucket(source.bucket()).key(key), ResponseTransformer.toFile(replacing(file)));
          return file;
        });
        written.add(relative);
      }
      deleteTree(dir);
      Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
      return written;
    } finally {
      deleteTree(staging);
    }
  }

  /** The SDK refuses to overwrite; a retried GET must be able to. */
  private static Path replacing(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
