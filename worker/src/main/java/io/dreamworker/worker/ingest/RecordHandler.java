package io.dreamworker.worker.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Starts the processing of one job record. Called on the consumer thread, so both methods must
 * return at once: all work (decoding, fetching inputs, the model, uploads, building the event)
 * happens elsewhere.
 *
 * <p>Contract of the returned job's {@link InFlightJob#done() done} future:
 * <ul>
 *   <li>completes with a {@link Settlement.Publish} when the record is done, whatever the outcome
 *       (bad input is an outcome: a rejected event and a dead letter);</li>
 *   <li>completes with a {@link Settlement.Retry} when this attempt failed in a way another may
 *       not ({@link #abandon} never does);</li>
 *   <li>completes with a {@link java.util.concurrent.CancellationException} when the attempt was
 *       cancelled (its partition was revoked, its attempt timed out, the worker is stopping): the
 *       record is tried again, here or by the partition's next owner;</li>
 *   <li>completes with any other exception only on a defect: the loop then stops, without
 *       committing the record, so the process is restarted and the record redone.</li>
 * </ul>
 *
 * <p>The {@link InFlightJob#cost() cost} is in the units of {@code kafka.max-in-flight-cost}: the
 * estimated model passes of the job (see {@code processing.JobCost}).
 */
public interface RecordHandler {
  /** Starts {@code attempt} at {@code record}. */
  InFlightJob handle(ConsumerRecord<byte[], byte[]> record, Attempt attempt);

  /** Builds the failure of a record that is not tried again, without running it. */
  InFlightJob abandon(ConsumerRecord<byte[], byte[]> record, Abandonment why);
}
