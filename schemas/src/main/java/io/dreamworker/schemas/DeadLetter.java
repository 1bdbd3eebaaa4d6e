package io.dreamworker.schemas;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A record the worker could not process (schema: {@code dead-letter.schema.json}), on the
 * dead-letter topic keyed like the original, with the reason also in {@link #headers()}.
 */
public record DeadLetter(OriginalRecord original, ErrorInfo reason, Instant time) {

  public static final String HEADER_ERROR_CODE = "dw-error-code";
  public static final String HEADER_ERROR_MESSAGE = "dw-error-message";
  public static final String HEADER_ORIGINAL_TOPIC = "dw-original-topic";
  public static final String HEADER_ORIGINAL_PARTITION = "dw-original-partition";
  public static final String HEADER_ORIGINAL_OFFSET = "dw-original-offset";

  public DeadLetter {
    Job.required(original, "original");
    Job.required(reason, "reason");
    Job.required(time, "time");
  }

  /** The Kafka headers of the dead letter, as UTF-8 text, in a stable order. */
  public Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(HEADER_ERROR_CODE, reason.code());
    headers.put(HEADER_ERROR_MESSAGE, reason.message());
    headers.put(HEADER_ORIGINAL_TOPIC, original.topic());
    headers.put(HEADER_ORIGINAL_PARTITION, Integer.toString(original.partition()));
    headers.put(HEADER_ORIGINAL_OFFSET, Long.toString(original.offset()));
    return headers;
  }

  /**
   * Where the record was and what it held.
   *
   * @param key the record key as UTF-8 text, null if it had none
   */
  public record OriginalRecord(String topic, int partition, long offset, String key, Payload value) {
    public OriginalRecord {
      Job.required(topic, "topic");
      Job.required(value, "value");
      if (partition < 0 || offset < 0) {
        throw new IllegalArgumentException("partition and offset must not be negative, got " + partition + ", " + offset);
      }
    }
  }

  /**
   * The original value: text when it is valid UTF-8 (readable in the topic), else base64; or only
   * its size and digest when the dead letter would not fit a Kafka record.
   */
  public sealed interface Payload {

    /** The original bytes; empty for an {@link Omitted} value. */
    Optional<byte[]> bytes();

    record Text(String text) implements Payload {
      public Text {
        Job.required(text, "text");
      }

      @Override
      public Optional<byte[]> bytes() {
        return Optional.of(text.getBytes(StandardCharsets.UTF_8));
      }
    }

    record Binary(String base64) implements Payload {
      public Binary {
        Job.required(base64, "base64");
      }

      @Override
      public Optional<byte[]> bytes() {
        return Optional.of(java.util.Base64.getDecoder().decode(base64));
      }
    }

    /**
     * A value too large to carry: a dead letter holding it would exceed the producer's
     * {@code max.request.size}, so it could never be published (and a record that cannot be
     * published would stop the worker). The original stays at its topic, partition and offset.
     *
     * @param size the value's length in bytes
     * @param sha256 its SHA-256, lower-case hex
     */
    record Omitted(long size, String sha256) implements Payload {
      public Omitted {
        if (size < 0) {
          throw new IllegalArgumentException("size must not be negative, got " + size);
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
          throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, got " + sha256);
        }
      }

      @Override
      public Optional<byte[]> bytes() {
        return Optional.empty();
      }

      /** The size and digest of {@code value}. */
      public static Omitted of(byte[] value) {
        try {
          return new Omitted(value.length, java.util.HexFormat.of().formatHex(
              java.security.MessageDigest.getInstance("SHA-256").digest(value)));
        } catch (java.security.NoSuchAlgorithmException impossible) {
          throw new IllegalStateException("every Java runtime has SHA-256", impossible);
        }
      }
    }

    /** Text if the bytes are strict UTF-8, else base64; a null value is empty text. */
    static Payload of(byte[] value) {
      if (value == null) {
        return new Text("");
      }
      try {
        return new Text(StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(value)).toString());
      } catch (CharacterCodingException e) {
        return new Binary(java.util.Base64.getEncoder().encodeToString(value));
      }
    }
  }
}
