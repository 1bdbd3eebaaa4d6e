package io.dreamworker.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class S3LocationTest {

  @Test
  void plainUri_parsesToBucketAndKey() {
    S3Location location = S3Location.parse("s3://inputs/tenants/acme/cat.png");

    assertThat(location.bucket()).isEqualTo("inputs");
    assertThat(location.key()).isEqualTo("tenants/acme/cat.png");
    assertThat(location.uri()).isEqualTo("s3://inputs/tenants/acme/cat.png");
    assertThat(location).hasToString("s3://inputs/tenants/acme/cat.png");
  }

  @Test
  void keyWithDotsAndUnicode_isKeptAsItIs() {
    assertThat(S3Location.parse("s3://my.bucket-1/a/../b/ü.png").key()).isEqualTo("a/../b/ü.png");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "S3://bucket/key | must start with s3://",
      "s3:/bucket/key | must start with s3://",
      "https://bucket/key | must start with s3://",
      "s3://bucket | has no object key",
      "s3://bucket/ | the key is empty",
      "s3://bucket//key | starts with '/'",
      "s3:///key | the bucket name is empty",
      "s3://Bucket/key | lower-case",
      "s3://ab/key | 3 to 63",
      "s3://-bucket/key | starting and ending",
      "s3://my..bucket/key | must not contain '..'",
      "s3://192.168.1.1/key | IP address",
      "s3://bucket/a key | whitespace",
  })
  void malformedUri_isRefusedSayingWhy(String uri, String why) {
    assertThatThrownBy(() -> S3Location.parse(uri))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(why);
  }

  @Test
  void uriWithTabInKey_isRefused() {
    assertThatThrownBy(() -> S3Location.parse("s3://bucket/a\tb")).hasMessageContaining("whitespace or a control");
  }

  @Test
  void keyOverTheLimit_isRefused() {
    assertThatThrownBy(() -> S3Location.parse("s3://bucket/" + "é".repeat(513)))
        .hasMessageContaining("longer than 1024 bytes");
    assertThat(S3Location.parse("s3://bucket/" + "e".repeat(1024)).key()).hasSize(1024);
  }

  @Test
  void nullUri_isRefused() {
    assertThatThrownBy(() -> S3Location.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void constructor_checksLikeParse() {
    assertThatThrownBy(() -> new S3Location("UPPER", "k")).hasMessageContaining("'UPPER'");
    assertThatThrownBy(() -> new S3Location("bucket", "")).hasMessageContaining("the key is empty");
  }
}
