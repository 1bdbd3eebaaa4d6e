package io.dreamworker.worker.commit;

/**
 * What a commit's metadata said about the offsets above its position, as read by
 * {@link OffsetMetadataCodec#decode}. Every outcome is a value: metadata that cannot be read must
 * not stop a worker from taking a partition over, it only loses what was recorded (the records above
 * the position are redone, their attempts counted from 0).
 */
public sealed interface DecodedMetadata {

  /** No metadata (null or empty): nothing was recorded above the position. */
  record None() implements DecodedMetadata {}

  /** Metadata this worker wrote, read back. */
  record Valid(IncompleteOffsets offsets) implements DecodedMetadata {
    public Valid {
      if (offsets == null) {
        throw new IllegalArgumentException("offsets must not be null");
      }
    }
  }

  /**
   * Metadata that is not this worker's, or is damaged.
   *
   * @param reason for the log: what was wrong, with the input quoted (shortened) where it helps
   */
  record Unreadable(String reason) implements DecodedMetadata {
    public Unreadable {
      if (reason == null || reason.isBlank()) {
        String shown = reason == null ? "null" : "'" + reason + "'";
        throw new IllegalArgumentException("reason must say what was wrong, got " + shown);
      }
    }
  }
}
