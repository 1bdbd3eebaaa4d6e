package io.dreamworker.worker.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code s3} section of the worker's configuration: where outputs go, which inputs may be read,
 * and how hard to retry. Built by the configuration loader (or by tests); every check runs here, so
 * a value that passes is one the storage classes can use as it is.
 *
 * <p>Error messages name the configuration key and its environment override, since that is what a
 * person has to change.
 *
 * @param region the AWS region; empty for the SDK's default region chain ({@code AWS_REGION}, the
 *     profile, instance metadata)
 * @param endpoint an S3-compatible endpoint such as {@code http://127.0.0.1:9000}; empty for AWS
 * @param pathStyle address buckets as {@code endpoint/bucket/key} instead of {@code bucket.endpoint/key},
 *     which most S3-compatible stores need
 * @param outputBucket where every job's outputs are written
 * @param outputPrefix the key prefix of jobs that name none, normalised (no leading, trailing or
 *     doubled slashes); empty puts job folders at the bucket's root
 * @param allowedInputBuckets the only buckets S3 inputs may come from; empty refuses every S3 input
 * @param maxInputImageBytes the largest input image, checked before and while downloading and on
 *     decoded base64
 * @param retry how S3 requests are retried on transient failures
 */
public record S3Settings(Optional<String> region, Optional<URI> endpoint, boolean pathStyle, String outputBucket,
    String outputPrefix, Set<String> allowedInputBuckets, long maxInputImageBytes, RetrySettings retry) {

  public static final String KEY_REGION = "s3.region";
  public static final String KEY_ENDPOINT = "s3.endpoint";
  public static final String KEY_OUTPUT_BUCKET = "s3.output-bucket";
  public static final String KEY_OUTPUT_PREFIX = "s3.output-prefix";
  public static final String KEY_ALLOWED_INPUT_BUCKETS = "s3.allowed-input-buckets";
  public static final String KEY_MAX_INPUT_IMAGE_BYTES = "s3.max-input-image-bytes";
  public static final String KEY_RETRY_MAX_ATTEMPTS = "s3.retry.max-attempts";
  public static final String KEY_RETRY_INITIAL_BACKOFF = "s3.retry.initial-backoff";
  public static final String KEY_RETRY_MAX_BACKOFF = "s3.retry.max-backoff";

  /** Key prefix of jobs that name none. */
  public static final String DEFAULT_OUTPUT_PREFIX = "dreamworker";
  /** Input images up to 8 MiB: a 4096² PNG of shapes is far smaller, a camera JPEG fits. */
  public static final long DEFAULT_MAX_INPUT_IMAGE_BYTES = 8L * 1024 * 1024;
  /** The largest limit accepted: an input is read into one byte array, and arrays stop just short of 2 GiB. */
  public static final long MAX_INPUT_IMAGE_BYTES_LIMIT = Integer.MAX_VALUE - 8;

  public S3Settings {
    region = required(region, KEY_REGION);
    endpoint = required(endpoint, KEY_ENDPOINT);
    region.ifPresent(S3Settings::checkRegion);
    endpoint.ifPresent(S3Settings::checkEndpoint);
    required(outputBucket, KEY_OUTPUT_BUCKET);
    if (outputBucket.isEmpty()) {
      throw new IllegalArgumentException(
          KEY_OUTPUT_BUCKET + " is required: set it to the bucket the worker writes outputs to" + env(KEY_OUTPUT_BUCKET));
    }
    checkBucket(outputBucket, KEY_OUTPUT_BUCKET);
    outputPrefix = OutputKeys.normalisePrefix(required(outputPrefix, KEY_OUTPUT_PREFIX), KEY_OUTPUT_PREFIX);
    allowedInputBuckets = Set.copyOf(required(allowedInputBuckets, KEY_ALLOWED_INPUT_BUCKETS));
    allowedInputBuckets.forEach(bucket -> checkBucket(bucket, KEY_ALLOWED_INPUT_BUCKETS));
    if (maxInputImageBytes < 1 || maxInputImageBytes > MAX_INPUT_IMAGE_BYTES_LIMIT) {
      throw new IllegalArgumentException(KEY_MAX_INPUT_IMAGE_BYTES + " must be between 1 and " + MAX_INPUT_IMAGE_BYTES_LIMIT
          + " bytes, got " + maxInputImageBytes + env(KEY_MAX_INPUT_IMAGE_BYTES));
    }
    required(retry, "s3.retry");
  }

  /** Writes to {@code outputBucket} on AWS with every other setting at its default; no S3 inputs. */
  public static S3Settings defaults(String outputBucket) {
    return new S3Settings(Optional.empty(), Optional.empty(), false, outputBucket, DEFAULT_OUTPUT_PREFIX, Set.of(),
        DEFAULT_MAX_INPUT_IMAGE_BYTES, RetrySettings.DEFAULTS);
  }

  /**
   * How S3 requests are retried: exponential backoff with jitter, only on transient failures (5xx,
   * throttling, timeouts, connection errors; never on other 4xx answers).
   *
   * @param maxAttempts attempts in all, the first included; 1 turns retries off
   * @param initialBackoff the wait before the second attempt; each later wait doubles, with jitter
   * @param maxBackoff no wait is longer, jitter included
   */
  public record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** More attempts than this would hold a job for minutes against a store that is down. */
    public static final int MAX_ATTEMPTS_LIMIT = 100;
    /** resilience4j's interval functions count whole milliseconds and refuse less than one. */
    public static final Duration MIN_BACKOFF = Duration.ofMillis(1);
    /**
     * The configuration's defaults: 5 attempts, 200 ms doubling up to 5 s (about 3 s of waiting in
     * all); declared after the bounds, which its construction reads.
     */
    public static final RetrySettings DEFAULTS = new RetrySettings(5, Duration.ofMillis(200), Duration.ofSeconds(5));

    public RetrySettings {
      if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
        throw new IllegalArgumentException(KEY_RETRY_MAX_ATTEMPTS + " must be between 1 (no retries) and "
            + MAX_ATTEMPTS_LIMIT + ", got " + maxAttempts + env(KEY_RETRY_MAX_ATTEMPTS));
      }
      required(initialBackoff, KEY_RETRY_INITIAL_BACKOFF);
      required(maxBackoff, KEY_RETRY_MAX_BACKOFF);
      if (initialBackoff.compareTo(MIN_BACKOFF) < 0) {
        throw new IllegalArgumentException(KEY_RETRY_INITIAL_BACKOFF + " must be at least 1ms, got " + initialBackoff
            + env(KEY_RETRY_INITIAL_BACKOFF));
      }
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException(KEY_RETRY_MAX_BACKOFF + " (" + maxBackoff + ") must not be less than "
            + KEY_RETRY_INITIAL_BACKOFF + " (" + initialBackoff + "): raise the first or lower the second");
      }
    }
  }

  private static void checkRegion(String region) {
    if (!region.matches("[a-z0-9-]+")) {
      throw new IllegalArgumentException(KEY_REGION + " must be a region name such as eu-west-1 (or empty for the "
          + "SDK's default region chain), got '" + region + "'" + env(KEY_REGION));
    }
  }

  private static void checkEndpoint(URI endpoint) {
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || endpoint.getHost() == null) {
      throw new IllegalArgumentException(KEY_ENDPOINT + " must be an http:// or https:// URI with a host, such as "
          + "http://127.0.0.1:9000 (or empty for AWS), got '" + endpoint + "'" + env(KEY_ENDPOINT));
    }
    if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
      throw new IllegalArgumentException(KEY_ENDPOINT + " must not have a query or fragment, got '" + endpoint + "'"
          + env(KEY_ENDPOINT));
    }
  }

  private static void checkBucket(String bucket, String key) {
    S3Location.bucketProblem(bucket).ifPresent(problem -> {
      throw new IllegalArgumentException(key + ": '" + bucket + "' is not an S3 bucket name: " + problem + env(key));
    });
  }

  private static <T> T required(T value, String key) {
    if (value == null) {
      throw new IllegalArgumentException(key + " must not be null");
    }
    return value;
  }

  /** The environment override of a key, for messages: {@code s3.retry.max-attempts} → DREAMWORKER_S3_RETRY_MAX_ATTEMPTS. */
  static String env(String key) {
    return " (environment: DREAMWORKER_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + ")";
  }
}
