package io.dreamworker.worker.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dreamworker.schemas.DeadLetter;
import io.dreamworker.schemas.ErrorInfo;
import io.dreamworker.schemas.EventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class EventRecordsTest {
  private static final EventCodec CODEC = new EventCodec();
  private static final int MAX_REQUEST = 64 * 1024;
  private final EventRecords records = new EventRecords(CODEC, "events", "dlq", MAX_REQUEST);

  private static DeadLetter letter(byte[] value) {
    return new DeadLetter(new DeadLetter.OriginalRecord("jobs", 3, 41, "job-1", DeadLetter.Payload.of(value)),
        new ErrorInfo("SCHEMA_VIOLATION", "$.prompt: too long"), Instant.parse("2026-12-06T12:00:00Z"));
  }

  @Test
  void deadLetter_carriesTheOriginal_withTheReasonInHeaders() {
    byte[] value = "{\"job_id\": \"job-1\"}".getBytes(StandardCharsets.UTF_8);
    ProducerRecord<byte[], byte[]> record = records.deadLetter(letter(value), "job-1".getBytes(StandardCharsets.UTF_8));

    assertThat(record.topic()).isEqualTo("dlq");
    assertThat(CODEC.decodeDeadLetter(record.value()).original().value().bytes().orElseThrow()).isEqualTo(value);
    assertThat(new String(record.headers().lastHeader(DeadLetter.HEADER_ERROR_CODE).value(), StandardCharsets.UTF_8))
        .isEqualTo("SCHEMA_VIOLATION");
  }

  @Test
  void deadLetterTooLargeForARecord_carriesTheOriginalsSizeAndDigestInstead() {
    byte[] value = new byte[2 * MAX_REQUEST];
    Arrays.fill(value, (byte) 'x');
    ProducerRecord<byte[], byte[]> record = records.deadLetter(letter(value), null);

    assertThat(record.value().length).isLessThan(MAX_REQUEST - EventRecords.RECORD_OVERHEAD_BYTES);
    DeadLetter decoded = CODEC.decodeDeadLetter(record.value());
    assertThat(decoded.original().value()).isEqualTo(DeadLetter.Payload.Omitted.of(value));
    assertThat(decoded.original().offset()).isEqualTo(41);
    assertThat(decoded.reason().code()).isEqualTo("SCHEMA_VIOLATION");
  }

  @Test
  void requestLimitBelowTheOverhead_isRefused() {
    assertThatThrownBy(() -> new EventRecords(CODEC, "e", "d", 1000)).hasMessageContaining("got 1000");
  }
}
