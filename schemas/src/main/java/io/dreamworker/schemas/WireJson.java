package io.dreamworker.schemas;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The JSON reading and writing rules shared by the codecs. */
final class WireJson {

  /**
   * Strict parsing: a duplicate key or data after the document would let two readers of the same
   * record disagree on its content, so both are malformed JSON.
   */
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private WireJson() {
  }

  /** The one JSON document in the bytes; an exception saying where the syntax breaks. */
  static JsonNode parse(byte[] bytes) throws JsonProcessingException {
    try {
      JsonNode node = MAPPER.readTree(bytes);
      if (node == null || node.isMissingNode()) {
        throw new JsonParseFailure("no JSON document (empty input)");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new JsonParseFailure(e.getMessage());
    }
  }

  static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain JSON nodes always serializes", e);
    }
  }

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static Optional<String> optionalText(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
  }

  static Map<String, String> stringMap(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node != null) {
      node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    }
    return map;
  }

  /** Writes a string map in key order so that the same record always gives the same bytes. */
  static void putStringMap(ObjectNode parent, String field, Map<String, String> map) {
    if (!map.isEmpty()) {
      ObjectNode node = parent.putObject(field);
      new TreeMap<>(map).forEach(node::put);
    }
  }

  /** RFC 3339 time, as CloudEvents and JSON Schema's date-time format read it. */
  static Instant time(JsonNode node) {
    return OffsetDateTime.parse(node.asText()).toInstant();
  }

  /** Syntax errors found outside Jackson's parser (empty input, I/O of an in-memory array). */
  static final class JsonParseFailure extends JsonProcessingException {
    JsonParseFailure(String message) {
      super(message);
    }
  }
}
