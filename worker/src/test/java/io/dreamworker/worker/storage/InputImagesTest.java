package io.dreamworker.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.ImageInput;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InputImagesTest {

  private static final byte[] IMAGE = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3, 4};
  private static final int MAX_BYTES = 16;

  private final FakeS3 s3 = new FakeS3();
  private final RecordingListener listener = new RecordingListener();
  private final InputImages inputs = new InputImages(s3, settings(Set.of("inputs", "more-inputs")), listener);

  static S3Settings settings(Set<String> allowed) {
    return new S3Settings(Optional.of("us-east-1"), Optional.empty(), false, "out", "p", allowed, MAX_BYTES,
        new S3Settings.RetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(2)));
  }

  @Test
  void s3InputInAnAllowedBucket_isReadWithHeadThenGet() {
    s3.store("inputs", "a/cat.png", IMAGE);

    InputResult<byte[]> result = inputs.resolve(new ImageInput.S3Uri("s3://inputs/a/cat.png"));

    assertThat(result).isInstanceOfSatisfying(InputResult.Loaded.class,
        loaded -> assertThat((byte[]) loaded.value()).containsExactly(IMAGE));
    assertThat(s3.calls()).containsExactly("HEAD inputs/a/cat.png", "GET inputs/a/cat.png");
    assertThat(listener.completions()).containsExactly("get:succeeded");
  }

  @Test
  void bucketNotAllowed_isRejectedNamingTheBucketAndTheKeyToChange() {
    InputResult<byte[]> result = inputs.resolve(new ImageInput.S3Uri("s3://elsewhere/cat.png"));

    InputResult.Failed<?> failure = failure(result);
    assertThat(failure.error()).isEqualTo(StorageError.INPUT_NOT_ALLOWED);
    assertThat(failure.status()).isEqualTo(CompletionEvent.Status.REJECTED);
    assertThat(failure.message()).contains("'elsewhere'", "s3.allowed-input-buckets",
        "DREAMWORKER_S3_ALLOWED_INPUT_BUCKETS", "[inputs, more-inputs]");
    assertThat(s3.calls()).isEmpty();
    assertThat(listener.completions()).isEmpty();
  }

  @Test
  void noAllowedBuckets_saysS3InputsAreOff() {
    InputImages none = new InputImages(s3, settings(Set.of()), listener);

    InputResult.Failed<?> failure = failure(none.resolve(new ImageInput.S3Uri("s3://inputs/cat.png")));
    assertThat(failure.error()).isEqualTo(StorageError.INPUT_NOT_ALLOWED);
    assertThat(failure.message()).contains("reads no S3 inputs", "base64");
  }

  @Test
  void malformedUri_isRejectedAsInvalid() {
    InputResult.Failed<?> failure = failure(inputs.resolve(new ImageInput.S3Uri("s3://inputs")));

    assertThat(failure.error()).isEqualTo(StorageError.INPUT_INVALID_URI);
    assertThat(failure.message()).contains("'s3://inputs' has no object key");
  }

  @Test
  void missingObject_isNotFoundAndNotRetried() {
    InputResult.Failed<?> failure = failure(inputs.resolve(new ImageInput.S3Uri("s3://inputs/missing.png")));

    assertThat(failure.error()).isEqualTo(StorageError.INPUT_NOT_FOUND);
    assertThat(failure.message()).contains("s3://inputs/missing.png does not exist");
    assertThat(s3.calls()).containsExactly("HEAD inputs/missing.png");
    assertThat(listener.retries()).isEmpty();
    assertThat(listener.completions()).containsExactly("get:rejected");
  }

  @Test
  void accessDenied_isRejectedExplainingBothCauses() {
    s3.failNext(FakeS3.Kind.HEAD, TransientFailuresTest.answer(403, "AccessDenied"));

    InputResult.Failed<?> failure = failure(inputs.resolve(new ImageInput.S3Uri("s3://inputs/cat.png")));

    assertThat(failure.error()).isEqualTo(StorageError.INPUT_ACCESS_DENIED);
    assertThat(failure.message()).contains("HTTP 403 AccessDenied", "missing key", "s3:GetObject on bucket inputs");
  }

  @Test
  void otherPermanentRefusal_isUnreadable() {
    s3.store("inputs", "cold.png", IMAGE);
    s3.failNext(FakeS3.Kind.GET, TransientFailuresTest.answer(403, "InvalidObjectState"));

    InputResult.Failed<?> failure = failure(inputs.resolve(new ImageInput.S3Uri("s3://inputs/cold.png")));

    assertThat(failure.error()).isEqualTo(StorageError.INPUT_UNREADABLE);
    assertThat(failure.message()).contains("InvalidObjectState");
  }

  @Test
  void badRequest_isUnreadableAndNotRetried() {
    s3.failNext(FakeS3.Kind.HEAD, TransientFailuresTest.answer(400, "InvalidArgument"));

    InputResult.Failed<?> failure = failure(inputs.resolve(new ImageInput.S3Uri("s3://inputs/cat.png")));

    assertThat(failure.error()).isEqualTo(StorageError.INPUT_UNREADABLE);
    assertThat(failure.message()).contains("S3 refused to read s3://inputs/cat.png: HTTP 400 InvalidArgument");
    assertThat(s3.calls()).hasSize(1);
  }

  @Test
  void objectOverTheLimit_isRefusedAfterHeadWithoutDownloading() {
    s3.store("inputs", "big.png", new byte[MAX_BYTES + 1]);

    InputResult.Failed<?> failure = failure(inputs.resolve(new ImageInput.S3Uri("s3://inputs/big.png")));

    assertThat(failure.error()).isEqualTo(StorageError.INPUT_TOO_LARGE);
    assertThat(failure.message()).contains("17 bytes", "16", "s3.max-input-image-bytes");
    assertThat(s3.calls()).containsExactly("HEAD inputs/big.png");
  }

  @Test
  void objectAtTheLimit_isRead() {
    s3.store("inputs", "edge.png", new byte[MAX_BYTES]);

    assertThat(inputs.resolve(new ImageInput.S3Uri("s3://inputs/edge.png"))).isInstanceOf(InputResult.Loaded.class);
  }

  @Test
  void objectThatGrewAfterItsHead_isRefusedWhileReading() {
    s3.store("inputs", "grows.png", IMAGE);
    s3.returnOnGet(new byte[MAX_BYTES * 4]);

    InputResult.Failed<?> failure = failure(inputs.resolve(new ImageInput.S3Uri("s3://inputs/grows.png")));

    assertThat(failure.error()).isEqualTo(StorageError.INPUT_TOO_LARGE);
    assertThat(failure.message()).contains("grew after its HEAD");
  }

  @Test
  void transientFailures_areRetriedThenSucceed() {
    s3.store("inputs", "cat.png", IMAGE);
    s3.failNext(FakeS3.Kind.HEAD, TransientFailuresTest.answer(503, "SlowDown"));
    s3.failNext(FakeS3.Kind.GET, TransientFailuresTest.connectionRefused());

    InputResult<byte[]> result = inputs.resolve(new ImageInput.S3Uri("s3://inputs/cat.png"));

    assertThat(result).isInstanceOf(InputResult.Loaded.class);
    assertThat(s3.calls()).containsExactly("HEAD inputs/cat.png", "HEAD inputs/cat.png", "GET inputs/cat.png",
        "HEAD inputs/cat.png", "GET inputs/cat.png");
    assertThat(listener.retries()).hasSize(2).allMatch(r -> r.startsWith("get#"));
    assertThat(listener.completions()).containsExactly("get:succeeded");
  }

  @Test
  void transientFailureOnEveryAttempt_failsAfterMaxAttemptsAsFetchFailed() {
    s3.store("inputs", "cat.png", IMAGE);
    s3.failNext(FakeS3.Kind.HEAD, TransientFailuresTest.connectionRefused(), TransientFailuresTest.connectionRefused(),
        TransientFailuresTest.connectionRefused());

    InputResult.Failed<?> failure = failure(inputs.resolve(new ImageInput.S3Uri("s3://inputs/cat.png")));

    assertThat(failure.error()).isEqualTo(StorageError.INPUT_FETCH_FAILED);
    assertThat(failure.status()).isEqualTo(CompletionEvent.Status.FAILED);
    assertThat(failure.message()).contains("s3://inputs/cat.png", "after 3 attempts", "Connection refused");
    assertThat(s3.calls()).hasSize(3);
    assertThat(listener.retries()).hasSize(2);
    assertThat(listener.completions()).containsExactly("get:failed");
  }

  @Test
  void base64Input_isDecoded() {
    assertThat(inputs.resolve(ImageInput.Base64.of(IMAGE))).isInstanceOfSatisfying(InputResult.Loaded.class,
        loaded -> assertThat((byte[]) loaded.value()).containsExactly(IMAGE));
    assertThat(s3.calls()).isEmpty();
  }

  @Test
  void base64OverTheLimit_isTooLarge() {
    InputResult.Failed<?> failure = failure(inputs.resolve(ImageInput.Base64.of(new byte[MAX_BYTES + 1])));

    assertThat(failure.error()).isEqualTo(StorageError.INPUT_TOO_LARGE);
    assertThat(failure.message()).contains("inline image has 17 bytes");
  }

  @Test
  void invalidBase64_isRejected() {
    InputResult.Failed<?> failure = failure(inputs.resolve(new ImageInput.Base64("not*base64")));

    assertThat(failure.error()).isEqualTo(StorageError.INPUT_INVALID_BASE64);
  }

  @Test
  void resolveAll_keepsOrderOrStopsAtTheFirstFailureNamingItsIndex() {
    s3.store("inputs", "a.png", IMAGE);

    InputResult<List<byte[]>> all = inputs.resolveAll(List.of(ImageInput.Base64.of(new byte[] {7}),
        new ImageInput.S3Uri("s3://inputs/a.png")));
    assertThat(all).isInstanceOfSatisfying(InputResult.Loaded.class, loaded -> {
      @SuppressWarnings("unchecked")
      List<byte[]> images = (List<byte[]>) loaded.value();
      assertThat(images).hasSize(2);
      assertThat(images.get(0)).containsExactly(7);
      assertThat(images.get(1)).containsExactly(IMAGE);
    });

    InputResult<List<byte[]>> failed = inputs.resolveAll(List.of(new ImageInput.S3Uri("s3://inputs/a.png"),
        new ImageInput.S3Uri("s3://nope/b.png"), new ImageInput.S3Uri("s3://inputs/c.png")));
    assertThat(failed).isInstanceOfSatisfying(InputResult.Failed.class, f -> {
      assertThat(f.error()).isEqualTo(StorageError.INPUT_NOT_ALLOWED);
      assertThat(f.message()).startsWith("images[1]: ");
    });
    assertThat(s3.calls()).doesNotContain("HEAD inputs/c.png");
  }

  @Test
  void resolveAllOfNothing_isAnEmptyList() {
    assertThat(inputs.resolveAll(List.of())).isEqualTo(new InputResult.Loaded<>(List.of()));
  }

  @Test
  void failure_carriesTheEventsError() {
    InputResult.Failed<?> failure = failure(inputs.resolve(new ImageInput.S3Uri("s3://inputs/missing.png")));

    assertThat(failure.info().code()).isEqualTo("INPUT_NOT_FOUND");
    assertThat(failure.info().message()).isEqualTo(failure.message());
    assertThat(failure.cause()).isPresent();
  }

  private static InputResult.Failed<?> failure(InputResult<?> result) {
    assertThat(result).isInstanceOf(InputResult.Failed.class);
    return (InputResult.Failed<?>) result;
  }
}
