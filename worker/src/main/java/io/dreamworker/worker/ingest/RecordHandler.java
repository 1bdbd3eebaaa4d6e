package io.dreamworker.worker.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Starts the processing of one job record. Called on the consumer thread, so it must return at once:
 * all work (decoding, fetching inputs, the model, uploads, publishing the event) happens elsewhere.
 *
 * <p>Contract of the returned job's {@link InFlightJob#done() done} future:
 * <ul>
 *   <li>completes normally once the job's completion event (and dead letter, if any) is
 *       acknowledged by the broker: the record's offset may then be committed;</li>
 *   <li>completes with a {@link java.util.concurrent.CancellationException} when the job was
 *       cancelled (its partition was revoked): nothing was published, the new owner redoes it;</li>
 *   <li>completes with any other exception only when the job's outcome could not be published: the
 *       loop then stops without committing that offset, so the record is redone after a restart.
 *       Bad input is <em>not</em> such a failure: it is an outcome, published like any other.</li>
 * </ul>
 */
@FunctionalInterface
public interface RecordHandler {
  InFlightJob handle(ConsumerRecord<byte[], byte[]> record);
}
