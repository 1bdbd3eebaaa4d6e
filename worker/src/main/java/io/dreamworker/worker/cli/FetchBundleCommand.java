package io.dreamworker.worker.cli;

import io.dreamworker.model.bundle.BundleInventory;
import io.dreamworker.worker.config.ConfigKeys;
import io.dreamworker.worker.config.DurationText;
import io.dreamworker.worker.storage.BundleDownload;
import io.dreamworker.worker.storage.S3ClientFactory;
import io.dreamworker.worker.storage.S3Location;
import io.dreamworker.worker.storage.S3Settings;
import io.dreamworker.worker.storage.StorageListener;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code dreamworker bundle fetch S3_URI DIR}: a bundle from S3 to a local folder, as a container's
 * entrypoint does before {@code run}. S3 is reached as the worker reaches it: the SDK's default
 * credentials and region, or {@code DREAMWORKER_S3_ENDPOINT}, {@code DREAMWORKER_S3_REGION} and
 * {@code DREAMWORKER_S3_PATH_STYLE} for S3-compatible stores.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true,
    description = "Download a bundle stored under an S3 prefix into a local folder (replacing it), then check it.")
final class FetchBundleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "S3_URI", description = "The folder holding bundle.json, s3://bucket/prefix/.")
  String source;

  @Parameters(index = "1", paramLabel = "DIR", description = "The local folder to fill.")
  Path target;

  @Override
  public Integer call() throws Exception {
    // The download treats the key as a folder, with or without its trailing slash.
    S3Location folder = S3Location.parse(source);
    Map<String, String> env = System.getenv();
    Optional<String> region = Optional.ofNullable(env.get(ConfigKeys.S3_REGION.envVar())).filter(r -> !r.isBlank());
    Optional<URI> endpoint = Optional.ofNullable(env.get(ConfigKeys.S3_ENDPOINT.envVar())).filter(e -> !e.isBlank())
        .map(URI::create);
    boolean pathStyle = Boolean.parseBoolean(env.getOrDefault(ConfigKeys.S3_PATH_STYLE.envVar(), "false"));
    S3Settings.RetrySettings retry = S3Settings.RetrySettings.DEFAULTS;
    S3Settings settings = new S3Settings(region, endpoint, pathStyle, folder.bucket(), S3Settings.DEFAULT_OUTPUT_PREFIX,
        Set.of(), S3Settings.DEFAULT_MAX_INPUT_IMAGE_BYTES, retry);
    try (S3Client s3 = S3ClientFactory.create(settings)) {
      long start = System.nanoTime();
      List<Path> files = new BundleDownload(s3, retry, StorageListener.NONE).fetch(folder, target);
      BundleInventory inventory = BundleInventory.read(target);
      spec.commandLine().getOut().printf("fetched %d files of bundle %s %s into %s in %s%n", files.size(),
          inventory.manifest().name(), inventory.manifest().version(), target.toAbsolutePath(),
          DurationText.format(Duration.ofNanos(System.nanoTime() - start)));
    }
    return 0;
  }
}
