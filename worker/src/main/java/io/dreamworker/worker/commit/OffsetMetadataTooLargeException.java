package io.dreamworker.worker.commit;

/**
 * The incomplete offsets of a commit do not fit the metadata limit even in their smallest encoding.
 * Thrown rather than truncating, since metadata that drops incomplete offsets would make a worker
 * taking the partition over skip records that were never done. The caller decides what to give up,
 * for instance to commit the position without metadata, at the cost of redoing the done records.
 */
public final class OffsetMetadataTooLargeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int neededChars;
  private final int maxChars;

  /** {@code neededChars} above {@code maxChars}: the length the encoding takes, and the limit. */
  public OffsetMetadataTooLargeException(int neededChars, int maxChars) {
    super("offset metadata needs " + neededChars + " characters, over the limit of " + maxChars
        + " (offset.metadata.max.bytes)");
    this.neededChars = neededChars;
    this.maxChars = maxChars;
  }

  /** The length of the smallest encoding, in characters. */
  public int neededChars() {
    return neededChars;
  }

  /** The limit it was over. */
  public int maxChars() {
    return maxChars;
  }
}
