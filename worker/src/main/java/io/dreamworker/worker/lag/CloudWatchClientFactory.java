package io.dreamworker.worker.lag;

import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Builds the publisher's {@link CloudWatchClient}: the SDK's default credential chain (on EC2, the
 * instance role), the synchronous Apache 5 HTTP client that the S3 code uses too (the publisher
 * blocks its own thread, so Netty's event loop would buy nothing), the SDK's standard retries, and
 * timeouts short enough that a round never runs into the next.
 */
final class CloudWatchClientFactory {

  /** Reaching the CloudWatch endpoint takes milliseconds; seconds mean it is unreachable. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /** One attempt of PutMetricData, a request of a few hundred bytes. */
  static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
  /** All attempts of one call: well inside the shortest interval that scaling reads (60 s). */
  static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(30);
  /** One call at a time from one thread. */
  static final int MAX_CONNECTIONS = 2;

  private CloudWatchClientFactory() {}

  static CloudWatchClient create(Optional<String> region) {
    return CloudWatchClient.builder()
        .region(region.map(Region::of).orElseGet(CloudWatchClientFactory::defaultRegion))
        .httpClientBuilder(Apache5HttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT)
            .maxConnections(MAX_CONNECTIONS))
        .overrideConfiguration(o -> o
            .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT)
            .apiCallTimeout(API_CALL_TIMEOUT))
        .build();
  }

  private static Region defaultRegion() {
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException noRegion) {
      throw new IllegalStateException("lag-publisher.region is empty and the SDK's region chain found no region "
          + "(AWS_REGION, the profile, instance metadata): set lag-publisher.region "
          + "(DREAMWORKER_LAG_PUBLISHER_REGION) or AWS_REGION", noRegion);
    }
  }
}
