package io.dreamworker.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Completion events and dead letters to and from JSON bytes. Encoding writes what the records
 * hold (the records' constructors already enforce the schemas' conditional rules); decoding is
 * for consumers of the worker's own output and validates first.
 */
public final class EventCodec {

  private final MessageSchemas schemas;

  public EventCodec(MessageSchemas schemas) {
    this.schemas = schemas;
  }

  /** A codec with its own copy of the schemas. */
  public EventCodec() {
    this(MessageSchemas.load());
  }

  /** The CloudEvents structured-mode JSON of an event. */
  public byte[] encode(CompletionEvent event) {
    ObjectNode root = WireJson.object();
    root.put("specversion", CompletionEvent.SPEC_VERSION);
    root.put("id", event.id());
    root.put("source", event.source());
    root.put("type", CompletionEvent.TYPE);
    root.put("subject", event.subject());
    root.put("time", event.time().toString());
    root.put("datacontenttype", CompletionEvent.DATA_CONTENT_TYPE);
    CompletionEvent.Result result = event.data();
    ObjectNode data = root.putObject("data");
    data.put("job_id", result.jobId());
    data.put("status", result.status().wireName());
    if (!result.outputs().isEmpty()) {
      ObjectNode outputs = data.putObject("outputs");
      result.outputs().document().ifPresent(uri -> outputs.put("document", uri));
      if (!result.outputs().images().isEmpty()) {
        ArrayNode images = outputs.putArray("images");
        result.outputs().images().forEach(images::add);
      }
      result.outputs().markdown().ifPresent(uri -> outputs.put("markdown", uri));
    }
    result.caption().ifPresent(caption -> data.put("caption", caption));
    ObjectNode timings = data.putObject("timings");
    timings.put("queued_ms", result.timings().queuedMs());
    ObjectNode stages = timings.putObject("stages");
    new TreeMap<>(result.timings().stages()).forEach(stages::put);
    timings.put("total_ms", result.timings().totalMs());
    ObjectNode bundle = data.putObject("bundle");
    bundle.put("name", result.bundle().name());
    bundle.put("version", result.bundle().version());
    result.error().ifPresent(error -> data.set("error", error(error)));
    WireJson.putStringMap(data, "metadata", result.metadata());
    return WireJson.write(root);
  }

  /**
   * The event in a record value.
   *
   * @throws IllegalArgumentException if the bytes are not JSON or break the schema, naming the violations
   */
  public CompletionEvent decodeEvent(byte[] value) {
    JsonNode root = validated(MessageSchema.COMPLETION_EVENT, value);
    JsonNode data = root.get("data");
    JsonNode outputs = data.path("outputs");
    List<String> images = new ArrayList<>();
    outputs.path("images").forEach(uri -> images.add(uri.asText()));
    Map<String, Long> stages = new LinkedHashMap<>();
    JsonNode timings = data.get("timings");
    timings.get("stages").properties().forEach(e -> stages.put(e.getKey(), e.getValue().asLong()));
    JsonNode error = data.get("error");
    return new CompletionEvent(root.get("id").asText(), root.get("source").asText(), WireJson.time(root.get("time")),
        new CompletionEvent.Result(data.get("job_id").asText(),
            CompletionEvent.Status.of(data.get("status").asText()),
            new CompletionEvent.Outputs(WireJson.optionalText(outputs, "document"), images,
                WireJson.optionalText(outputs, "markdown")),
            WireJson.optionalText(data, "caption"),
            new CompletionEvent.Timings(timings.get("queued_ms").asLong(), stages, timings.get("total_ms").asLong()),
            new CompletionEvent.Bundle(data.get("bundle").get("name").asText(), data.get("bundle").get("version").asText()),
            java.util.Optional.ofNullable(error).map(EventCodec::error),
            WireJson.stringMap(data.get("metadata"))));
  }

  /** The JSON of a dead letter. */
  public byte[] encode(DeadLetter letter) {
    ObjectNode root = WireJson.object();
    ObjectNode original = root.putObject("original");
    DeadLetter.OriginalRecord record = letter.original();
    original.put("topic", record.topic());
    original.put("partition", record.partition());
    original.put("offset", record.offset());
    original.put("key", record.key());
    ObjectNode value = original.putObject("value");
    switch (record.value()) {
      case DeadLetter.Payload.Text text -> value.put("text", text.text());
      case DeadLetter.Payload.Binary binary -> value.put("base64", binary.base64());
      case DeadLetter.Payload.Omitted omitted -> value.putObject("omitted").put("bytes", omitted.size())
          .put("sha256", omitted.sha256());
    }
    root.set("reason", error(letter.reason()));
    root.put("time", letter.time().toString());
    return WireJson.write(root);
  }

  /**
   * The dead letter in a record value.
   *
   * @throws IllegalArgumentException if the bytes are not JSON or break the schema, naming the violations
   */
  public DeadLetter decodeDeadLetter(byte[] value) {
    JsonNode root = validated(MessageSchema.DEAD_LETTER, value);
    JsonNode original = root.get("original");
    JsonNode payload = original.get("value");
    JsonNode key = original.get("key");
    return new DeadLetter(
        new DeadLetter.OriginalRecord(original.get("topic").asText(), original.get("partition").asInt(),
            original.get("offset").asLong(), key.isNull() ? null : key.asText(),
            payload.has("text") ? new DeadLetter.Payload.Text(payload.get("text").asText())
                : payload.has("base64") ? new DeadLetter.Payload.Binary(payload.get("base64").asText())
                : new DeadLetter.Payload.Omitted(payload.get("omitted").get("bytes").asLong(),
                    payload.get("omitted").get("sha256").asText())),
        error(root.get("reason")), WireJson.time(root.get("time")));
  }

  private JsonNode validated(MessageSchema schema, byte[] value) {
    JsonNode root;
    try {
      root = WireJson.parse(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
    List<String> violations = schemas.violations(schema, root);
    if (!violations.isEmpty()) {
      throw new IllegalArgumentException("not a valid " + schema.fileName() + ": " + String.join("; ", violations));
    }
    return root;
  }

  private static ObjectNode error(ErrorInfo error) {
    ObjectNode node = WireJson.object();
    node.put("code", error.code());
    node.put("message", error.message());
    return node;
  }

  private static ErrorInfo error(JsonNode node) {
    return new ErrorInfo(node.get("code").asText(), node.get("message").asText());
  }
}
