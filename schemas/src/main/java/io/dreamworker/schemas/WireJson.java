package io.dreamworker.schemas;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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

  /** U+FEFF, which some writers put before UTF-8 text. */
  private static final String BYTE_ORDER_MARK = "\uFEFF";

  private WireJson() {
  }

  /**
   * The one JSON document in the bytes; an exception saying where the syntax breaks. The bytes
   * must be UTF-8, the contract's encoding: given bytes, Jackson would also detect and read UTF-16
   * and UTF-32, which other readers of the same record refuse, so the text is decoded strictly
   * here and Jackson reads the characters. A leading byte order mark is ignored, as RFC 8259 allows.
   */
  static JsonNode parse(byte[] bytes) throws JsonProcessingException {
    String text = utf8(bytes);
    try {
      JsonNode node = MAPPER.readTree(text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text);
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

  /** The bytes as UTF-8 text; an exception naming the first byte that is not, or the first NUL. */
  private static String utf8(byte[] bytes) throws JsonParseFailure {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    // UTF-8 never decodes to more UTF-16 units than it has bytes.
    CharBuffer out = CharBuffer.allocate(bytes.length);
    if (decoder.decode(in, out, true).isError()) {
      throw new JsonParseFailure(String.format("not UTF-8: byte 0x%02X at offset %d is not valid UTF-8"
          + " (send the JSON encoded as UTF-8)", bytes[in.position()] & 0xFF, in.position()));
    }
    decoder.flush(out);
    for (int i = 0; i < bytes.length; i++) {
      // NUL is valid UTF-8 but never valid JSON; in a job it means UTF-16 or UTF-32 text.
      if (bytes[i] == 0) {
        throw new JsonParseFailure("a NUL byte at offset " + i + ": UTF-16 or UTF-32 text?"
            + " (send the JSON encoded as UTF-8)");
      }
    }
    return out.flip().toString();
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
