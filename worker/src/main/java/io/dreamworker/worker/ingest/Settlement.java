package io.dreamworker.worker.ingest;

import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * How one attempt at a record ended, as the consumer loop needs to know it. Processing never
 * publishes anything itself: the loop publishes a settlement's records in the same commit as the
 * offsets they settle (one Kafka transaction, in the exactly-once mode), so a record is either done
 * and published, or neither.
 */
public sealed interface Settlement {

  /**
   * The record is done: these records (the completion event, and a dead letter when the job did not
   * succeed) go out with the offset commit that settles it.
   *
   * @param records in the order they are sent
   * @param onCommitted runs on the consumer thread once the commit holding them succeeded (metrics,
   *     the job's log line); must be quick and must not throw
   */
  record Publish(List<ProducerRecord<byte[], byte[]>> records, Runnable onCommitted) implements Settlement {
    public Publish {
      records = List.copyOf(records);
      if (records.isEmpty()) {
        throw new IllegalArgumentException("a settled record publishes at least its completion event");
      }
      Objects.requireNonNull(onCommitted, "onCommitted");
    }
  }

  /**
   * The attempt failed in a way that another attempt may not (the engine failed, perhaps because of
   * what the job was batched with). The loop tries again while the record has attempts left, and
   * publishes {@code ifExhausted} (a failed event and a dead letter) when it has none.
   *
   * @param reason why, for the log
   */
  record Retry(String reason, Publish ifExhausted) implements Settlement {
    public Retry {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(ifExhausted, "ifExhausted");
    }
  }
}
