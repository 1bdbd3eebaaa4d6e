package io.dreamworker.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;

/** Builds clients and reads their configuration back; sends no request. */
class S3ClientFactoryTest {

  private static final StaticCredentialsProvider KEYS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("access", "secret"));

  private static S3Settings settings(Optional<String> region, Optional<URI> endpoint) {
    return new S3Settings(region, endpoint, true, "out", "p", Set.of(), 10,
        new S3Settings.RetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(1)));
  }

  @Test
  void endpointAndRegion_areUsedAndSdkRetriesAreOff() {
    try (S3Client client = S3ClientFactory.create(
        settings(Optional.of("eu-west-1"), Optional.of(URI.create("http://127.0.0.1:9000"))), KEYS)) {
      S3ServiceClientConfiguration config = client.serviceClientConfiguration();

      assertThat(config.region()).isEqualTo(Region.EU_WEST_1);
      assertThat(config.endpointOverride()).contains(URI.create("http://127.0.0.1:9000"));
      assertThat(config.overrideConfiguration().retryStrategy()).hasValueSatisfying(
          strategy -> assertThat(strategy.maxAttempts()).isEqualTo(1));
      assertThat(config.overrideConfiguration().apiCallTimeout()).contains(S3ClientFactory.API_CALL_TIMEOUT);
    }
  }

  @Test
  void compatibleEndpointWithoutRegion_signsForUsEast1() {
    assumeThat(System.getenv("AWS_REGION")).as("AWS_REGION is set here").isNull();
    assumeThat(System.getenv("AWS_DEFAULT_REGION")).isNull();
    assumeThat(System.getProperty("aws.region")).isNull();
    assumeThat(System.getenv("AWS_PROFILE")).isNull();

    try (S3Client client = S3ClientFactory.create(
        settings(Optional.empty(), Optional.of(URI.create("http://127.0.0.1:9000"))), KEYS)) {
      assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
    }
  }

  @Test
  void awsWithoutEndpoint_hasNoEndpointOverride() {
    try (S3Client client = S3ClientFactory.create(settings(Optional.of("us-west-2"), Optional.empty()), KEYS)) {
      assertThat(client.serviceClientConfiguration().endpointOverride()).isEmpty();
      assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.US_WEST_2);
    }
  }
}
