package io.dreamworker.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class S3LocationPropertiesTest {

  @Property(tries = 500)
  void validLocation_roundTripsThroughItsUri(@ForAll("buckets") String bucket, @ForAll("keys") String key) {
    S3Location location = new S3Location(bucket, key);

    assertThat(S3Location.parse(location.uri())).isEqualTo(location);
  }

  @Property(tries = 1000)
  void anyString_parsesOrIsRefusedWithIllegalArgument(@ForAll("uriLike") String uri) {
    assertThatCode(() -> {
      try {
        S3Location location = S3Location.parse(uri);
        assertThat(location.uri()).isEqualTo(uri);
      } catch (IllegalArgumentException refused) {
        assertThat(refused.getMessage()).isNotBlank();
      }
    }).doesNotThrowAnyException();
  }

  @Provide
  Arbitrary<String> buckets() {
    return Combinators.combine(
            Arbitraries.strings().withChars("abz019").ofLength(1),
            Arbitraries.strings().withChars("abz019-").ofMinLength(1).ofMaxLength(61),
            Arbitraries.strings().withChars("abz019").ofLength(1))
        .as((a, b, c) -> a + b + c);
  }

  @Provide
  Arbitrary<String> keys() {
    return Combinators.combine(
            Arbitraries.strings().withChars("aZ09._-!()'*").ofLength(1),
            Arbitraries.strings().withChars("aZ09._-/!()'*üé").ofMaxLength(200))
        .as((a, b) -> a + b);
  }

  /** Mostly near-misses of an S3 URI: the right and wrong pieces, and noise. */
  @Provide
  Arbitrary<String> uriLike() {
    Arbitrary<String> piece = Arbitraries.oneOf(
        Arbitraries.of("s3://", "S3://", "s3:/", "/", "//", "..", ".", "-", " ", "\t", "\n", "bucket", "b", "key",
            "192.168.0.1", "é", "\uD800"),
        Arbitraries.strings().ofMaxLength(4));
    return piece.list().ofMaxSize(8).map(pieces -> String.join("", pieces));
  }
}
