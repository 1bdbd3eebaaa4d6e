package io.dreamworker.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

  @Test
  void headers_carryTheReasonAndTheOriginalPosition() {
    DeadLetter letter = new DeadLetter(new DeadLetter.OriginalRecord("dreamworker.jobs", 3, 42, "k",
        DeadLetter.Payload.of("x".getBytes(StandardCharsets.UTF_8))), new ErrorInfo("SCHEMA_VIOLATION", "$.job_id"),
        Instant.EPOCH);

    assertThat(letter.headers()).containsExactly(
        org.assertj.core.api.Assertions.entry("dw-error-code", "SCHEMA_VIOLATION"),
        org.assertj.core.api.Assertions.entry("dw-error-message", "$.job_id"),
        org.assertj.core.api.Assertions.entry("dw-original-topic", "dreamworker.jobs"),
        org.assertj.core.api.Assertions.entry("dw-original-partition", "3"),
        org.assertj.core.api.Assertions.entry("dw-original-offset", "42"));
  }

  @Test
  void utf8Value_isText() {
    assertThat(DeadLetter.Payload.of("é{".getBytes(StandardCharsets.UTF_8))).isEqualTo(new DeadLetter.Payload.Text("é{"));
  }

  @Test
  void invalidUtf8Value_isBase64OfTheSameBytes() {
    byte[] value = {(byte) 0xc3, 0x28};

    DeadLetter.Payload payload = DeadLetter.Payload.of(value);

    assertThat(payload).isInstanceOf(DeadLetter.Payload.Binary.class);
    assertThat(payload.bytes().orElseThrow()).isEqualTo(value);
  }

  @Test
  void nullValue_isEmptyText() {
    assertThat(DeadLetter.Payload.of(null)).isEqualTo(new DeadLetter.Payload.Text(""));
  }

  @Test
  void lowerCaseErrorCode_isRefusedWithTheFix() {
    assertThatThrownBy(() -> new ErrorInfo("bad", "m")).hasMessageContaining("upper snake case");
  }
}
