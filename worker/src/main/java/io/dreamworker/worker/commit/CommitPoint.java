package io.dreamworker.worker.commit;

import java.util.Objects;

/**
 * What one partition's commit records: the position (every offset below is done) and, in the
 * metadata, the incomplete offsets above it with their attempts.
 */
public record CommitPoint(long position, IncompleteOffsets above) {
  public CommitPoint {
    if (position < 0) {
      throw new IllegalArgumentException("position must be at least 0, got " + position);
    }
    Objects.requireNonNull(above, "above");
  }
}
