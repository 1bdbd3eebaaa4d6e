package io.dreamworker.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.model.bundle.RandomBundles;
import io.dreamworker.worker.stack.S3Server;
import io.dreamworker.worker.stack.StackLib;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Against the real S3 server: a bundle uploaded under a prefix comes back file for file. */
class BundleDownloadTest {
  private static final S3Settings.RetrySettings RETRY =
      new S3Settings.RetrySettings(3, Duration.ofMillis(10), Duration.ofMillis(50));

  @TempDir static Path dir;
  static S3Server server;
  static S3Client s3;
  static Path bundle;

  @BeforeAll
  static void uploadABundle() throws IOException {
    server = S3Server.start(StackLib.fromSystemProperty(), dir.resolve("s3"));
    server.createBucket("models");
    s3 = server.newClient();
    bundle = dir.resolve("original");
    RandomBundles.write(bundle, BundlePreset.TINY, 3);
    for (Path file : files(bundle)) {
      s3.putObject(b -> b.bucket("models").key("shapes/v1/" + bundle.relativize(file)),
          RequestBody.fromFile(file));
    }
    s3.putObject(b -> b.bucket("models").key("other/readme.txt"), RequestBody.fromString("not a bundle"));
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void bundleUnderAPrefix_isCopiedFileForFileReplacingTheTarget() throws IOException {
    Path target = dir.resolve("fetched");
    Files.createDirectories(target);
    Files.writeString(target.resolve("stale.txt"), "from an older bundle");

    List<Path> written = new BundleDownload(s3, RETRY, StorageListener.NONE)
        .fetch(new S3Location("models", "shapes/v1"), target);

    assertThat(written).hasSameSizeAs(files(bundle));
    for (Path file : files(bundle)) {
      assertThat(target.resolve(bundle.relativize(file))).hasSameBinaryContentAs(file);
    }
    assertThat(target.resolve("stale.txt")).doesNotExist();
    try (Stream<Path> siblings = Files.list(dir)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".fetch-"));
    }
  }

  @Test
  void prefixWithoutBundleJson_isRefusedAndTheTargetIsLeftAlone() throws IOException {
    Path target = dir.resolve("untouched");
    Files.createDirectories(target);
    Files.writeString(target.resolve("keep.txt"), "keep");

    assertThatThrownBy(() -> new BundleDownload(s3, RETRY, StorageListener.NONE)
        .fetch(new S3Location("models", "other/"), target))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds no bundle.json");
    assertThat(target.resolve("keep.txt")).hasContent("keep");
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
