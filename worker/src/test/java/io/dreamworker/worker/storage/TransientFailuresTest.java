package io.dreamworker.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class TransientFailuresTest {

  static S3Exception answer(int status, String code) {
    return (S3Exception) S3Exception.builder()
        .statusCode(status)
        .message(code + " message")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("the store says " + code).build())
        .build();
  }

  static SdkClientException connectionRefused() {
    return SdkClientException.create("Unable to execute HTTP request: Connection refused",
        new ConnectException("Connection refused"));
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {500, 502, 503, 504, 429, 408})
  void serverErrorsAndThrottling_areTransient(int status) {
    assertThat(TransientFailures.isTransient(answer(status, "Whatever"))).isTrue();
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {400, 401, 403, 404, 405, 409, 412})
  void otherClientErrors_arePermanent(int status) {
    assertThat(TransientFailures.isTransient(answer(status, "Whatever"))).isFalse();
  }

  @Test
  void slowDownAndRequestTimeoutCodes_areTransientWhateverTheStatus() {
    assertThat(TransientFailures.isTransient(answer(400, "SlowDown"))).isTrue();
    assertThat(TransientFailures.isTransient(answer(400, "RequestTimeout"))).isTrue();
    assertThat(TransientFailures.isTransient(answer(400, "Throttling"))).isTrue();
  }

  @Test
  void noSuchKey_isPermanent() {
    assertThat(TransientFailures.isTransient(NoSuchKeyException.builder().statusCode(404).message("gone").build()))
        .isFalse();
  }

  @Test
  void connectionFailuresAndTimeouts_areTransient() {
    assertThat(TransientFailures.isTransient(connectionRefused())).isTrue();
    assertThat(TransientFailures.isTransient(SdkClientException.create("read", new SocketTimeoutException("timed out"))))
        .isTrue();
    assertThat(TransientFailures.isTransient(new UncheckedIOException(new IOException("connection reset")))).isTrue();
    assertThat(TransientFailures.isTransient(ApiCallTimeoutException.create(1000))).isTrue();
    assertThat(TransientFailures.isTransient(ApiCallAttemptTimeoutException.create(1000))).isTrue();
  }

  @Test
  void clientErrorsWithoutIo_arePermanent() {
    assertThat(TransientFailures.isTransient(SdkClientException.create("Unable to load credentials from any provider")))
        .isFalse();
    assertThat(TransientFailures.isTransient(new IllegalStateException("bug"))).isFalse();
  }

  @Test
  void interruption_isPermanent() {
    assertThat(TransientFailures.isTransient(AbortedException.create("aborted", new InterruptedException()))).isFalse();
    assertThat(TransientFailures.isTransient(
        SdkClientException.create("io", new IOException("closed", new InterruptedException())))).isFalse();
  }

  @Test
  void cyclicCauseChain_doesNotLoop() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);

    assertThat(TransientFailures.isTransient(a)).isFalse();
    assertThat(TransientFailures.describe(a)).contains("RuntimeException: a");
  }

  @Test
  void describe_namesStatusCodeAndMessageOfAnAnswer() {
    assertThat(TransientFailures.describe(answer(503, "SlowDown")))
        .isEqualTo("HTTP 503 SlowDown: the store says SlowDown");
  }

  @Test
  void describe_namesTheRootCauseOfAClientError() {
    assertThat(TransientFailures.describe(connectionRefused()))
        .startsWith("SdkClientException: Unable to execute HTTP request: Connection refused");
    assertThat(TransientFailures.describe(SdkClientException.create("Unable to execute HTTP request",
        new ConnectException("Connection refused: 127.0.0.1:9"))))
        .contains("(ConnectException: Connection refused: 127.0.0.1:9)");
  }

  @Test
  void describe_isCutToItsLimit() {
    String long1 = "x".repeat(2000);

    assertThat(TransientFailures.describe(new RuntimeException(long1)))
        .hasSize(TransientFailures.MAX_DESCRIPTION_CHARS + 3)
        .endsWith("...");
  }

  @Test
  void statusCode_isPresentOnlyForAnswers() {
    assertThat(TransientFailures.statusCode(answer(404, "NoSuchKey"))).contains(404);
    assertThat(TransientFailures.statusCode(connectionRefused())).isEmpty();
  }

  @Test
  void errorCode_isS3sCodeWhenTheAnswerHasOne() {
    assertThat(TransientFailures.errorCode(answer(403, "InvalidObjectState"))).contains("InvalidObjectState");
    assertThat(TransientFailures.errorCode(NoSuchKeyException.builder().statusCode(404).build())).isEmpty();
    assertThat(TransientFailures.errorCode(connectionRefused())).isEmpty();
  }
}
