package io.dreamworker.model.engine.scheduling;

/**
 * Where a request is in the scheduler. The {@link Transition}s between states:
 *
 * <pre>
 *   WAITING_ADMISSION --admit--> QUEUED --schedule--> RUNNING --completed--> QUEUED
 *                                                     RUNNING --completed--> WAITING_DIFFUSION_ROWS --enter diffusion--> QUEUED
 *                                                     RUNNING --finished--> FINISHED
 *   WAITING_ADMISSION, WAITING_DIFFUSION_ROWS, QUEUED --cancel--> CANCELLED
 * </pre>
 *
 * A RUNNING request is not cancelled directly: cancellations take effect at the next
 * {@link Scheduler#schedule}, after the runner has reported the running batch.
 */
enum RequestState {
  /** Accepted; waiting for its KV reservation and a sequence slot. */
  WAITING_ADMISSION,
  /** A new latent waiting for rows in flight before its first denoising step. */
  WAITING_DIFFUSION_ROWS,
  /** Its next work waits in a stage queue. */
  QUEUED,
  /** Its work is in the batch the runner executes now. */
  RUNNING,
  /** Ended by the runner; reservation returned. */
  FINISHED,
  /** Ended by cancellation; removed from every queue, reservation returned. */
  CANCELLED
}
