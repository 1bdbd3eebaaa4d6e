/**
 * Everything the worker does with S3: reading a job's input images ({@link
 * io.dreamworker.worker.storage.InputImages}) and writing its outputs ({@link
 * io.dreamworker.worker.storage.OutputWriter}) under deterministic keys ({@link
 * io.dreamworker.worker.storage.OutputKeys}), with retries counted and bounded in one place ({@code
 * StorageRetry}) and reported through {@link io.dreamworker.worker.storage.StorageListener}.
 *
 * <p>Expected outcomes (a missing input, a bucket that is not allowed, a write that failed after
 * the last retry) are typed results ({@link io.dreamworker.worker.storage.InputResult}, {@link
 * io.dreamworker.worker.storage.OutputResult}) carrying a {@link
 * io.dreamworker.worker.storage.StorageError} code for the completion event, never exceptions.
 */
package io.dreamworker.worker.storage;
