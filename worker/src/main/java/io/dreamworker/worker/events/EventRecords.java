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
 * consumer loop's: it publishes them in the commit that settles their job's offset.
 *
 * <p>Thread-safe: it holds no state of its own.
 */
public final class EventRecords {
  /** CloudEvents' Kafka protocol binding, structured mode: the content type header of every event. */
  public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

  private final EventCodec codec;
  private final String eventsTopic;
  private final String deadLetterTopic;

  public EventRecords(EventCodec codec, String eventsTopic, String deadLetterTopic) {
    this.codec = Objects.requireNonNull(codec, "codec");
    this.eventsTopic = Objects.requireNonNull(eventsTopic, "eventsTopic");
    this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
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
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(deadLetterTopic, originalKey, codec.encode(letter));
    letter.headers().forEach((name, value) ->
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
    return record;
  }
}
