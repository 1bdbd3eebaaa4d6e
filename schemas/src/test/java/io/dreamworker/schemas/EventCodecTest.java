package io.dreamworker.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventCodecTest {

  private static final MessageSchemas SCHEMAS = MessageSchemas.load();
  private static final EventCodec CODEC = new EventCodec(SCHEMAS);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant TIME = Instant.parse("2026-11-26T10:15:30.250Z");
  private static final CompletionEvent.Bundle BUNDLE = new CompletionEvent.Bundle("shapes-dreamllm", "1.0.0");

  @Test
  void succeededEvent_encodesToAValidCloudEventAndBack() throws IOException {
    CompletionEvent event = new CompletionEvent("story_17@dreamworker.jobs-0-1042", "urn:dreamworker:worker:w1", TIME,
        new CompletionEvent.Result("story_17", CompletionEvent.Status.SUCCEEDED,
            new CompletionEvent.Outputs(Optional.of("s3://out/jobs/story_17/document.json"),
                List.of("s3://out/jobs/story_17/img-0.png"), Optional.of("s3://out/jobs/story_17/document.md")),
            Optional.empty(), new CompletionEvent.Timings(120, Map.of("llm", 2200L, "unet", 5400L), 7800), BUNDLE,
            Optional.empty(), Map.of("campaign", "winter")));

    byte[] bytes = CODEC.encode(event);

    JsonNode json = JSON.readTree(bytes);
    assertThat(SCHEMAS.violations(MessageSchema.COMPLETION_EVENT, json)).isEmpty();
    assertThat(json.get("subject").asText()).isEqualTo("story_17");
    assertThat(json.get("specversion").asText()).isEqualTo("1.0");
    assertThat(CODEC.decodeEvent(bytes)).isEqualTo(event);
  }

  @Test
  void captionEvent_carriesTheCaptionInline() throws IOException {
    CompletionEvent event = new CompletionEvent("c@t-0-1", "urn:dreamworker:worker:w1", TIME,
        new CompletionEvent.Result("c", CompletionEvent.Status.SUCCEEDED, CompletionEvent.Outputs.NONE,
            Optional.of("A red circle."), new CompletionEvent.Timings(1, Map.of(), 2), BUNDLE, Optional.empty(),
            Map.of()));

    byte[] bytes = CODEC.encode(event);

    assertThat(SCHEMAS.violations(MessageSchema.COMPLETION_EVENT, JSON.readTree(bytes))).isEmpty();
    assertThat(JSON.readTree(bytes).at("/data/caption").asText()).isEqualTo("A red circle.");
    assertThat(JSON.readTree(bytes).at("/data/outputs").isMissingNode()).isTrue();
    assertThat(CODEC.decodeEvent(bytes)).isEqualTo(event);
  }

  @Test
  void rejectedEvent_ofAnInvalidJob_carriesTheDecodeError() throws IOException {
    Decoded.Invalid invalid = new Decoded.Invalid(DecodeError.UNKNOWN_TYPE, "$.type: unknown job type \"video\"");
    CompletionEvent event = new CompletionEvent("j@t-0-9", "urn:dreamworker:worker:w1", TIME,
        new CompletionEvent.Result("j", CompletionEvent.Status.REJECTED, CompletionEvent.Outputs.NONE,
            Optional.empty(), new CompletionEvent.Timings(0, Map.of(), 0), BUNDLE,
            Optional.of(ErrorInfo.of(invalid)), Map.of()));

    byte[] bytes = CODEC.encode(event);

    assertThat(eventViolations(bytes)).isEmpty();
    assertThat(JSON.readTree(bytes).at("/data/error/code").asText()).isEqualTo("UNKNOWN_TYPE");
    assertThat(CODEC.decodeEvent(bytes)).isEqualTo(event);
  }

  @Test
  void failedStatusWithoutError_isRefusedByTheRecord() {
    assertThatThrownBy(() -> new CompletionEvent.Result("j", CompletionEvent.Status.FAILED,
        CompletionEvent.Outputs.NONE, Optional.empty(), new CompletionEvent.Timings(0, Map.of(), 0), BUNDLE,
        Optional.empty(), Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("error");
  }

  @Test
  void eventExamples_decode() {
    assertThat(CODEC.decodeEvent(Examples.read("completion-event-succeeded.json")).data().outputs().images())
        .hasSize(2);
    assertThat(CODEC.decodeEvent(Examples.read("completion-event-caption.json")).data().caption())
        .contains("A red circle in the top left corner.");
    assertThat(CODEC.decodeEvent(Examples.read("completion-event-rejected.json")).data().error())
        .map(ErrorInfo::code).contains("MALFORMED_JSON");
  }

  @Test
  void invalidEvent_isRefusedNamingTheViolation() {
    assertThatThrownBy(() -> CODEC.decodeEvent(
        Examples.read(Examples.INVALID.resolve("completion-event-wrong-specversion.json"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$.specversion");
  }

  @Test
  void deadLetterOfText_encodesToAValidRecordAndBack() throws IOException {
    byte[] original = "{\"job_id\": \"x\"".getBytes(StandardCharsets.UTF_8);
    DeadLetter letter = new DeadLetter(new DeadLetter.OriginalRecord("dreamworker.jobs", 2, 99, null,
        DeadLetter.Payload.of(original)), new ErrorInfo("MALFORMED_JSON", "end of input"), TIME);

    byte[] bytes = CODEC.encode(letter);

    assertThat(SCHEMAS.violations(MessageSchema.DEAD_LETTER, JSON.readTree(bytes))).isEmpty();
    assertThat(JSON.readTree(bytes).at("/original/value/text").asText()).isEqualTo("{\"job_id\": \"x\"");
    assertThat(JSON.readTree(bytes).at("/original/key").isNull()).isTrue();
    assertThat(CODEC.decodeDeadLetter(bytes)).isEqualTo(letter);
  }

  @Test
  void deadLetterOfBinary_keepsTheBytesAsBase64() throws IOException {
    byte[] original = {(byte) 0xff, (byte) 0xd8, 0, 1};
    DeadLetter letter = new DeadLetter(new DeadLetter.OriginalRecord("dreamworker.jobs", 0, 12, "job-9",
        DeadLetter.Payload.of(original)), new ErrorInfo("MALFORMED_JSON", "bad byte"), TIME);

    byte[] bytes = CODEC.encode(letter);

    assertThat(SCHEMAS.violations(MessageSchema.DEAD_LETTER, JSON.readTree(bytes))).isEmpty();
    assertThat(letter.original().value()).isInstanceOf(DeadLetter.Payload.Binary.class);
    assertThat(CODEC.decodeDeadLetter(bytes).original().value().bytes().orElseThrow()).isEqualTo(original);
  }

  @Test
  void deadLetterOfAnOmittedValue_carriesItsSizeAndDigestOnly() throws IOException {
    byte[] original = "a job far too large for a dead letter".getBytes(StandardCharsets.UTF_8);
    DeadLetter letter = new DeadLetter(new DeadLetter.OriginalRecord("dreamworker.jobs", 1, 7, "big",
        DeadLetter.Payload.Omitted.of(original)), new ErrorInfo("SCHEMA_VIOLATION", "too big"), TIME);

    byte[] bytes = CODEC.encode(letter);

    assertThat(SCHEMAS.violations(MessageSchema.DEAD_LETTER, JSON.readTree(bytes))).isEmpty();
    assertThat(JSON.readTree(bytes).at("/original/value/omitted/bytes").asLong()).isEqualTo(original.length);
    assertThat(JSON.readTree(bytes).at("/original/value/omitted/sha256").asText()).hasSize(64);
    DeadLetter decoded = CODEC.decodeDeadLetter(bytes);
    assertThat(decoded).isEqualTo(letter);
    assertThat(decoded.original().value().bytes()).isEmpty();
  }

  @Test
  void deadLetterExamples_decode() {
    assertThat(CODEC.decodeDeadLetter(Examples.read("dead-letter.json")).original().key()).isNull();
    assertThat(CODEC.decodeDeadLetter(Examples.read("dead-letter-binary.json")).original().value().bytes().orElseThrow())
        .startsWith((byte) 0xff, (byte) 0xd8);
  }

  @Test
  void invalidDeadLetter_isRefusedNamingTheMissingField() {
    assertThatThrownBy(() -> CODEC.decodeDeadLetter(Examples.read(Examples.INVALID.resolve("dead-letter-no-value.json"))))
        .hasMessageContaining("value");
  }

  private static List<String> eventViolations(byte[] bytes) throws IOException {
    return SCHEMAS.violations(MessageSchema.COMPLETION_EVENT, JSON.readTree(bytes));
  }
}
