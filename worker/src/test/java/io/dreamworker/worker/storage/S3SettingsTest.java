package io.dreamworker.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class S3SettingsTest {

  static S3Settings settings(Optional<String> region, Optional<URI> endpoint, String bucket, String prefix,
      Set<String> inputs, long maxBytes) {
    return new S3Settings(region, endpoint, false, bucket, prefix, inputs, maxBytes, S3Settings.RetrySettings.DEFAULTS);
  }

  @Test
  void defaults_matchTheContractsDefaults() {
    S3Settings settings = S3Settings.defaults("out");

    assertThat(settings.region()).isEmpty();
    assertThat(settings.endpoint()).isEmpty();
    assertThat(settings.outputPrefix()).isEqualTo("dreamworker");
    assertThat(settings.allowedInputBuckets()).isEmpty();
    assertThat(settings.maxInputImageBytes()).isEqualTo(8L * 1024 * 1024);
    assertThat(settings.retry()).isEqualTo(new S3Settings.RetrySettings(5, Duration.ofMillis(200), Duration.ofSeconds(5)));
  }

  @Test
  void outputPrefixWithStraySlashes_isNormalised() {
    S3Settings settings = settings(Optional.empty(), Optional.empty(), "out", "/tenants//acme/", Set.of(), 10);

    assertThat(settings.outputPrefix()).isEqualTo("tenants/acme");
  }

  @Test
  void outputPrefixOfOnlySlashes_isEmpty() {
    assertThat(settings(Optional.empty(), Optional.empty(), "out", "/", Set.of(), 10).outputPrefix()).isEmpty();
  }

  @Test
  void outputPrefixWithDotDot_isRefusedNamingTheKey() {
    assertThatThrownBy(() -> settings(Optional.empty(), Optional.empty(), "out", "a/../b", Set.of(), 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("s3.output-prefix")
        .hasMessageContaining("'..'");
  }

  @Test
  void emptyOutputBucket_isRefusedNamingTheKeyAndItsEnvironmentVariable() {
    assertThatThrownBy(() -> S3Settings.defaults(""))
        .hasMessageContaining("s3.output-bucket is required")
        .hasMessageContaining("DREAMWORKER_S3_OUTPUT_BUCKET");
  }

  @Test
  void invalidOutputBucket_isRefusedNamingTheBucket() {
    assertThatThrownBy(() -> S3Settings.defaults("My_Bucket"))
        .hasMessageContaining("s3.output-bucket")
        .hasMessageContaining("'My_Bucket'");
  }

  @Test
  void invalidAllowedInputBucket_isRefusedNamingTheKey() {
    assertThatThrownBy(() -> settings(Optional.empty(), Optional.empty(), "out", "p", Set.of("ok-bucket", "x"), 10))
        .hasMessageContaining("s3.allowed-input-buckets")
        .hasMessageContaining("'x'");
  }

  @Test
  void regionWithUpperCaseOrSpaces_isRefused() {
    assertThatThrownBy(() -> settings(Optional.of("EU West 1"), Optional.empty(), "out", "p", Set.of(), 10))
        .hasMessageContaining("s3.region")
        .hasMessageContaining("DREAMWORKER_S3_REGION");
  }

  @Test
  void endpointWithoutHttpScheme_isRefused() {
    assertThatThrownBy(() -> settings(Optional.empty(), Optional.of(URI.create("ftp://host:21")), "out", "p",
        Set.of(), 10))
        .hasMessageContaining("s3.endpoint")
        .hasMessageContaining("ftp://host:21");
    assertThatThrownBy(() -> settings(Optional.empty(), Optional.of(URI.create("localhost")), "out", "p",
        Set.of(), 10))
        .hasMessageContaining("s3.endpoint");
  }

  @Test
  void httpEndpoint_isAccepted() {
    URI endpoint = URI.create("http://127.0.0.1:9000");
    assertThat(settings(Optional.empty(), Optional.of(endpoint), "out", "p", Set.of(), 10).endpoint())
        .contains(endpoint);
  }

  @Test
  void maxInputImageBytesOutOfRange_isRefusedNamingTheKey() {
    assertThatThrownBy(() -> settings(Optional.empty(), Optional.empty(), "out", "p", Set.of(), 0))
        .hasMessageContaining("s3.max-input-image-bytes")
        .hasMessageContaining("got 0");
    assertThatThrownBy(() -> settings(Optional.empty(), Optional.empty(), "out", "p", Set.of(), 1L << 40))
        .hasMessageContaining("s3.max-input-image-bytes");
  }

  @Test
  void zeroMaxAttempts_isRefusedNamingTheKey() {
    assertThatThrownBy(() -> new S3Settings.RetrySettings(0, Duration.ofMillis(10), Duration.ofMillis(10)))
        .hasMessageContaining("s3.retry.max-attempts")
        .hasMessageContaining("got 0")
        .hasMessageContaining("DREAMWORKER_S3_RETRY_MAX_ATTEMPTS");
  }

  @Test
  void zeroInitialBackoff_isRefusedNamingTheKey() {
    assertThatThrownBy(() -> new S3Settings.RetrySettings(3, Duration.ZERO, Duration.ofMillis(10)))
        .hasMessageContaining("s3.retry.initial-backoff");
  }

  @Test
  void maxBackoffBelowInitial_isRefusedNamingBothKeys() {
    assertThatThrownBy(() -> new S3Settings.RetrySettings(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("s3.retry.max-backoff")
        .hasMessageContaining("s3.retry.initial-backoff");
  }

  @Test
  void oneAttempt_isAccepted() {
    assertThat(new S3Settings.RetrySettings(1, Duration.ofMillis(1), Duration.ofMillis(1)).maxAttempts()).isEqualTo(1);
  }
}
