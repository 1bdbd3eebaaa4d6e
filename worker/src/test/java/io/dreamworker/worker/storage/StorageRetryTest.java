package io.dreamworker.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class StorageRetryTest {

  private static final S3Location TARGET = new S3Location("bucket", "key");
  private static final S3Settings.RetrySettings FAST =
      new S3Settings.RetrySettings(4, Duration.ofMillis(1), Duration.ofMillis(5));

  private final RecordingListener listener = new RecordingListener();

  @Test
  void transientFailuresThenSuccess_retriesAndTellsTheListenerOfEachRetry() {
    AtomicInteger attempts = new AtomicInteger();
    StorageRetry retry = new StorageRetry(Operation.PUT, FAST, listener);

    String result = retry.call(TARGET, () -> {
      if (attempts.incrementAndGet() < 3) {
        throw TransientFailuresTest.answer(503, "SlowDown");
      }
      return "done";
    });

    assertThat(result).isEqualTo("done");
    assertThat(attempts).hasValue(3);
    assertThat(listener.retries()).containsExactly("put#1:HTTP 503 SlowDown: the store says SlowDown",
        "put#2:HTTP 503 SlowDown: the store says SlowDown");
  }

  @Test
  void permanentFailure_isNotRetried() {
    AtomicInteger attempts = new AtomicInteger();
    StorageRetry retry = new StorageRetry(Operation.GET, FAST, listener);
    S3Exception notFound = TransientFailuresTest.answer(404, "NoSuchKey");

    assertThatThrownBy(() -> retry.call(TARGET, () -> {
      attempts.incrementAndGet();
      throw notFound;
    })).isSameAs(notFound);
    assertThat(attempts).hasValue(1);
    assertThat(listener.retries()).isEmpty();
  }

  @Test
  void transientFailureOnEveryAttempt_stopsAtMaxAttemptsAndRethrowsTheLast() {
    AtomicInteger attempts = new AtomicInteger();
    StorageRetry retry = new StorageRetry(Operation.GET, FAST, listener);

    assertThatThrownBy(() -> retry.call(TARGET, () -> {
      throw SdkClientException.create("attempt " + attempts.incrementAndGet(),
          new java.net.ConnectException("Connection refused"));
    })).hasMessage("attempt 4");
    assertThat(attempts).hasValue(4);
    assertThat(listener.retries()).hasSize(3).allMatch(r -> r.startsWith("get#"));
    assertThat(retry.maxAttempts()).isEqualTo(4);
  }

  @Test
  void oneAttempt_neverRetries() {
    AtomicInteger attempts = new AtomicInteger();
    StorageRetry retry = new StorageRetry(Operation.PUT,
        new S3Settings.RetrySettings(1, Duration.ofMillis(1), Duration.ofMillis(1)), listener);

    assertThatThrownBy(() -> retry.call(TARGET, () -> {
      attempts.incrementAndGet();
      throw TransientFailuresTest.answer(500, "InternalError");
    })).isInstanceOf(S3Exception.class);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void backoff_growsFromTheInitialAndNeverExceedsTheMaximum() {
    IntervalFunction backoff = StorageRetry.backoff(
        new S3Settings.RetrySettings(10, Duration.ofMillis(100), Duration.ofMillis(1000)));

    for (int trial = 0; trial < 200; trial++) {
      assertThat(backoff.apply(1)).isBetween(50L, 150L);
      assertThat(backoff.apply(2)).isBetween(100L, 300L);
      for (int attempt = 1; attempt < 10; attempt++) {
        assertThat(backoff.apply(attempt)).isBetween(1L, 1000L);
      }
    }
  }

  @Test
  void backoff_isJittered() {
    IntervalFunction backoff = StorageRetry.backoff(
        new S3Settings.RetrySettings(5, Duration.ofMillis(1000), Duration.ofSeconds(60)));
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (int trial = 0; trial < 50; trial++) {
      seen.add(backoff.apply(1));
    }

    assertThat(seen).hasSizeGreaterThan(5);
  }
}
