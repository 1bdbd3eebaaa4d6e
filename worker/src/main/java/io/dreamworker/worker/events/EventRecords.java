package io.dreamworker.worker.events;

import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.DeadLetter;
import io.dreamworker.schemas.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Turns completion events and dead letters into the Kafka records that carry them. Sending is the
 * consumer loop's: it publishes them in the commit that settles their job's offset. Every record
 * fits the producer's request limit, since one that does not would fail each commit that holds it:
 * a dead letter of a record near the limit carries the original's size and SHA-256 instead of it.
 *
 * <p>Thread-safe: it holds no state of its own.
 */
public final class EventRecords {
  /** CloudEvents' Kafka protocol binding, structured mode: the content type header of every event. */
  public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

  /**
   * Bytes a record's value may take below the producer's {@code max.request.size}: room for its key,
   * headers and the batch's own framing.
   */
  public static final int RECORD_OVERHEAD_BYTES = 16 * 1024;
  /** Kafka producers' default {@code max.request.size}. */
  public static final int DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

  private final EventCodec codec;
  private final String eventsTopic;
  private final String deadLetterTopic;
  private final int maxValueBytes;

  /**
   * @param maxRequestBytes the producer's {@code max.request.size}: a dead letter whose value would
   *     not fit carries its original's size and digest instead of its bytes
   */
  public EventRecords(EventCodec codec, String eventsTopic, String deadLetterTopic, int maxRequestBytes) {
    this.codec = Objects.requireNonNull(codec, "codec");
    this.eventsTopic = Objects.requireNonNull(eventsTopic, "eventsTopic");
    this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    if (maxRequestBytes <= RECORD_OVERHEAD_BYTES) {
      throw new IllegalArgumentException("max.request.size must be over " + RECORD_OVERHEAD_BYTES + " bytes, got "
          + maxRequestBytes);
    }
    this.maxValueBytes = maxRequestBytes - RECORD_OVERHEAD_BYTES;
  }

  public EventRecords(EventCodec codec, String eventsTopic, String deadLetterTopic) {
    this(codec, eventsTopic, deadLetterTopic, DEFAULT_MAX_REQUEST_BYTES);
  }

  /** The event on the events topic, keyed by its job id. */
  public ProducerRecord<byte[], byte[]> event(CompletionEvent event) {
    byte[] key = event.data().jobId().getBytes(StandardCharsets.UTF_8);
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(eventsTopic, key, codec.encode(event));
    record.headers().add(new RecordHeader("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
    return record;
  }

  /**
   * The dead letter on the dead-letter topic, under the original record's key, with the reason and
   * the original position in headers so that tools can filter without parsing the value.
   */
  public ProducerRecord<byte[], byte[]> deadLetter(DeadLetter letter, byte[] originalKey) {
    byte[] value = codec.encode(letter);
    if (value.length > maxValueBytes && letter.original().value().bytes().isPresent()) {
      // A record the producer refuses would fail every commit that holds it: carry the digest instead.
      DeadLetter.OriginalRecord o = letter.original();
      value = codec.encode(new DeadLetter(new DeadLetter.OriginalRecord(o.topic(), o.partition(), o.offset(), o.key(),
          DeadLetter.Payload.Omitted.of(o.value().bytes().get())), letter.reason(), letter.time()));
    }
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(deadLetterTopic, originalKey, value);
    letter.headers().forEach((name, text) ->
        record.headers().add(new RecordHeader(name, text.getBytes(StandardCharsets.UTF_8))));
    return record;
  }
}
