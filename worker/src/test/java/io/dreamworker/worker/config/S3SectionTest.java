package io.dreamworker.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3SectionTest {

  @Test
  void allowedBuckets_areCopied() {
    List<String> buckets = new ArrayList<>(List.of("in"));
    S3Section s3 = new S3Section(Optional.empty(), Optional.empty(), false, "out", "p", buckets, 1024,
        new S3Section.Retry(3, Duration.ofMillis(100), Duration.ofSeconds(1)));
    buckets.add("other");
    assertThat(s3.allowedInputBuckets()).containsExactly("in");
  }

  @Test
  void missingRetryOrBackoff_isRefused() {
    assertThatThrownBy(() -> new S3Section(Optional.empty(), Optional.empty(), false, "out", "p", List.of(), 1, null))
        .hasMessage("retry");
    assertThatThrownBy(() -> new S3Section.Retry(1, null, Duration.ZERO)).hasMessage("initialBackoff");
  }
}
