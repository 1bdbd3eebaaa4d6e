package io.dreamworker.worker.storage;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the worker's {@link S3Client} from {@link S3Settings}.
 *
 * <ul>
 *   <li>Credentials: the SDK's default chain (environment, system properties, web identity, profile,
 *       container and instance roles) unless a provider is given.
 *   <li>Region: {@code s3.region}, else the SDK's default region chain. With an S3-compatible
 *       endpoint the chain skips instance metadata (a store on a laptop should not wait for an EC2
 *       metadata service that is not there) and ends in {@value #COMPATIBLE_STORE_REGION}, since
 *       such stores only use the region to check signatures.
 *   <li>SDK retries off: {@link StorageRetry} retries, so that every retry is counted, logged and
 *       bounded by one setting instead of multiplying with the SDK's own attempts.
 *   <li>Timeouts on connecting, reading and the whole call, so a store that hangs becomes a
 *       transient failure instead of a job that never finishes.
 *   <li>S3-compatible endpoints: checksums only where S3 requires them; AWS's default (a CRC32
 *       trailer on every upload) uses a chunked encoding that s3proxy and others do not all read.
 * </ul>
 */
public final class S3ClientFactory {

  /** The signing region for S3-compatible stores when none is configured: they accept any. */
  static final String COMPATIBLE_STORE_REGION = "us-east-1";
  /** Connecting to S3 takes milliseconds; seconds mean the endpoint is unreachable. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** The longest silence while a request is sent or an answer read. */
  static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);
  /** One attempt, connection to last byte: an 8 MiB image takes seconds even on a slow link. */
  static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(60);
  /** Pooled connections: more than the worker's concurrent uploads and downloads. */
  static final int MAX_CONNECTIONS = 64;

  private S3ClientFactory() {}

  /** A client with the SDK's default credential chain. */
  public static S3Client create(S3Settings settings) {
    return builder(settings).build();
  }

  /** A client with the given credentials, such as a static key pair for a local S3-compatible store. */
  public static S3Client create(S3Settings settings, AwsCredentialsProvider credentials) {
    return builder(settings).credentialsProvider(credentials).build();
  }

  private static S3ClientBuilder builder(S3Settings settings) {
    S3ClientBuilder builder = S3Client.builder()
        .region(region(settings))
        .forcePathStyle(settings.pathStyle())
        .httpClientBuilder(Apache5HttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT)
            .socketTimeout(SOCKET_TIMEOUT)
            .maxConnections(MAX_CONNECTIONS))
        .overrideConfiguration(o -> o
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallAttemptTimeout(API_CALL_TIMEOUT)
            .apiCallTimeout(API_CALL_TIMEOUT));
    settings.endpoint().ifPresent(endpoint -> builder
        .endpointOverride(endpoint)
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED));
    return builder;
  }

  private static Region region(S3Settings settings) {
    if (settings.region().isPresent()) {
      return Region.of(settings.region().get());
    }
    AwsRegionProvider chain = settings.endpoint().isPresent()
        ? new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider(),
            () -> Region.of(COMPATIBLE_STORE_REGION))
        : new DefaultAwsRegionProviderChain();
    try {
      return chain.getRegion();
    } catch (SdkClientException noRegion) {
      throw new IllegalStateException(S3Settings.KEY_REGION + " is empty and the SDK's region chain found no region "
          + "(AWS_REGION, the profile, instance metadata): set " + S3Settings.KEY_REGION
          + S3Settings.env(S3Settings.KEY_REGION) + " or AWS_REGION", noRegion);
    }
  }
}
