package io.dreamworker.worker.ingest;

import java.time.Duration;

/**
 * Why the loop gives up on a record without another attempt. Each becomes a failed completion event
 * and a dead letter, so that the record is never lost silently.
 */
public sealed interface Abandonment {
  /** How many attempts the record had. */
  int attempts();

  /**
   * Every attempt the record had ended with the worker running it gone (a crash, a kill, a lost
   * partition) before it finished; the record may be what crashes workers, so it is not run again.
   */
  record WorkersLost(int attempts) implements Abandonment {}

  /** The last attempt ran longer than the attempt timeout and was cancelled. */
  record TimedOut(int attempts, Duration timeout) implements Abandonment {}
}
