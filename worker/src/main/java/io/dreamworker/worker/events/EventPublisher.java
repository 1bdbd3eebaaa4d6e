package io.dreamworker.worker.events;

import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.DeadLetter;
import io.dreamworker.schemas.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Sends completion events and dead letters. Each send returns a future that completes when the
 * broker has acknowledged the record (acks=all with the idempotent producer), which is what the
 * consumer loop waits for before it counts the job's offset as done.
 *
 * <p>The returned futures complete on {@code completions}, never on the producer's I/O thread:
 * Kafka runs send callbacks on that thread, and a continuation that sends again (the event after its
 * dead letter) would block it waiting for metadata that only it can fetch, stalling every send for
 * {@code max.block.ms}.
 *
 * <p>Thread-safe: Kafka's producer is, and this class holds no state of its own. It does not own the
 * producer; whoever made it closes it.
 */
public final class EventPublisher {
  private final Producer<byte[], byte[]> producer;
  private final EventCodec codec;
  private final String eventsTopic;
  private final String deadLetterTopic;
  private final Executor completions;

  public EventPublisher(Producer<byte[], byte[]> producer, EventCodec codec, String eventsTopic,
      String deadLetterTopic, Executor completions) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.eventsTopic = Objects.requireNonNull(eventsTopic, "eventsTopic");
    this.deadLetterTopic = Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    this.completions = Objects.requireNonNull(completions, "completions");
  }

  /** The event on the events topic, keyed by its job id. */
  public CompletableFuture<RecordMetadata> publish(CompletionEvent event) {
    byte[] key = event.data().jobId().getBytes(StandardCharsets.UTF_8);
    return send(new ProducerRecord<>(eventsTopic, key, codec.encode(event)));
  }

  /**
   * The dead letter on the dead-letter topic, under the original record's key, with the reason and
   * the original position in headers so that tools can filter without parsing the value.
   */
  public CompletableFuture<RecordMetadata> deadLetter(DeadLetter letter, byte[] originalKey) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(deadLetterTopic, originalKey,
        codec.encode(letter));
    letter.headers().forEach((name, value) ->
        record.headers().add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8))));
    return send(record);
  }

  private CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
    CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
    try {
      producer.send(record, (metadata, error) -> completions.execute(() -> {
        if (error != null) {
          acked.completeExceptionally(error);
        } else {
          acked.complete(metadata);
        }
      }));
    } catch (RuntimeException e) {
      // send() throws at once for a closed producer or a record over the size limit.
      acked.completeExceptionally(e);
    }
    return acked;
  }
}
