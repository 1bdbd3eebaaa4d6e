package io.dreamworker.worker.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code s3} section: where inputs may come from and outputs go, and how S3 requests retry.
 * (The storage package's own settings type is built from this one.)
 *
 * @param region AWS region; empty takes the SDK's default region chain
 * @param endpoint an S3-compatible server's endpoint; empty for AWS
 * @param pathStyle whether buckets are addressed in the path rather than the host name
 * @param outputBucket bucket of the outputs
 * @param outputPrefix default key prefix of the outputs
 * @param allowedInputBuckets buckets S3 inputs may come from; empty refuses S3 inputs
 * @param maxInputImageBytes largest input image accepted
 * @param retry how S3 requests retry
 */
public record S3Section(Optional<String> region, Optional<URI> endpoint, boolean pathStyle,
    String outputBucket, String outputPrefix, List<String> allowedInputBuckets, long maxInputImageBytes,
    Retry retry) {

  public S3Section {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(outputBucket, "outputBucket");
    Objects.requireNonNull(outputPrefix, "outputPrefix");
    allowedInputBuckets = List.copyOf(allowedInputBuckets);
    Objects.requireNonNull(retry, "retry");
  }

  /**
   * The {@code s3.retry} section.
   *
   * @param maxAttempts tries of one request, the first included
   * @param initialBackoff wait before the first retry
   * @param maxBackoff longest wait between two retries, at least {@code initialBackoff}
   */
  public record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    public Retry {
      Objects.requireNonNull(initialBackoff, "initialBackoff");
      Objects.requireNonNull(maxBackoff, "maxBackoff");
    }
  }
}
