package io.dreamworker.worker.ingest;

/**
 * Which attempt at a record this is. Attempts are counted durably, in the offset commits' metadata
 * (see {@link io.dreamworker.worker.commit.PartitionProgress}): an attempt that a worker did not
 * finish because it died counts as well, so a record that crashes workers is stopped after
 * {@code max} of them.
 *
 * @param number from 1
 * @param max the most attempts a record gets
 */
public record Attempt(int number, int max) {
  public Attempt {
    if (max < 1 || number < 1 || number > max) {
      throw new IllegalArgumentException("attempt must be 1.." + max + " of at most " + max + ", got " + number);
    }
  }

  /** Whether a failure of this attempt ends the record. */
  public boolean isLast() {
    return number == max;
  }
}
