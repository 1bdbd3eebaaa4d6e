package io.dreamworker.worker.commit;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a commit records above its position P: which offsets past P are still to do, and how often
 * each of them was already attempted.
 *
 * <p>A commit's position is the lowest offset not done, so the records after it that finished out
 * of order would be redone after a crash, and a record that crashes every worker would be retried
 * forever. Carrying this alongside the position (in the commit's metadata, see
 * {@link OffsetMetadataCodec}) lets the worker that takes the partition over skip what is done and
 * count the attempts of what is not against the retry limit.
 *
 * <p>Offsets are relative to P, so that the value does not change with where the partition is. The
 * offsets in [P, P + span) are covered: each one is either listed here as incomplete or is done.
 * Offsets from P + span on were not seen. Done offsets are not stored one by one: a slow record can
 * hold P while millions of later offsets finish, and only the incomplete ones are kept.
 *
 * @param span how many offsets from P on are covered; 0 exactly when nothing is incomplete
 * @param incomplete the incomplete offsets relative to P, each in [0, span), with the attempts that
 *     count against the record's retry limit (at least 0); immutable, ascending; holds 0 whenever
 *     the span is positive, since P is the lowest incomplete offset
 */
public record IncompleteOffsets(long span, SortedMap<Long, Integer> incomplete) {
  /**
   * At most this many incomplete offsets: far above what a worker holds (kafka.max-in-flight is at
   * most 10,000), and low enough that decoding hostile metadata allocates a few megabytes at worst.
   */
  public static final int MAX_INCOMPLETE = 65_536;

  /** Nothing above the position: every offset below it is done and none above it was seen. */
  public static final IncompleteOffsets NONE = new IncompleteOffsets(0, Collections.emptySortedMap());

  /** Checks the invariants and keeps an immutable, naturally ordered copy of {@code incomplete}. */
  public IncompleteOffsets {
    if (span < 0) {
      throw new IllegalArgumentException("span must be at least 0, got " + span);
    }
    if (incomplete == null) {
      throw new IllegalArgumentException("incomplete must not be null; use an empty map for none");
    }
    if (incomplete.size() > MAX_INCOMPLETE) {
      throw new IllegalArgumentException(incomplete.size() + " incomplete offsets, over the limit of "
          + MAX_INCOMPLETE);
    }
    // Copied entry by entry into a map of natural order: a copy through TreeMap's constructor would
    // keep the caller's comparator (the encoding relies on ascending offsets), and a null key or
    // value is named here rather than failing later.
    TreeMap<Long, Integer> copy = new TreeMap<>();
    for (Map.Entry<Long, Integer> entry : incomplete.entrySet()) {
      Long offset = entry.getKey();
      Integer attempts = entry.getValue();
      if (offset == null) {
        throw new IllegalArgumentException("incomplete lists a null offset");
      }
      if (attempts == null || attempts < 0) {
        throw new IllegalArgumentException("attempts of relative offset " + offset + " must be at least 0, got "
            + attempts);
      }
      copy.put(offset, attempts);
    }
    if (span == 0 && !copy.isEmpty()) {
      throw new IllegalArgumentException("span is 0 but " + copy.size() + " offsets are listed as incomplete, the "
          + "lowest " + copy.firstKey() + "; every incomplete offset must lie in [0, span)");
    }
    if (span > 0 && copy.isEmpty()) {
      throw new IllegalArgumentException("span is " + span + " but no offset is incomplete; with nothing "
          + "incomplete the position moves past the done offsets and the span is 0 (NONE)");
    }
    if (!copy.isEmpty()) {
      long lowest = copy.firstKey();
      long highest = copy.lastKey();
      if (lowest < 0 || highest >= span) {
        long outside = lowest < 0 ? lowest : highest;
        throw new IllegalArgumentException("relative offset " + outside + " is outside the span [0, " + span + ")");
      }
      if (lowest != 0) {
        throw new IllegalArgumentException("relative offset 0 must be incomplete when the span is " + span
            + " (the position is the lowest incomplete offset), but the lowest listed is " + lowest);
      }
    }
    incomplete = Collections.unmodifiableSortedMap(copy);
  }

  /** True for {@link #NONE}: nothing recorded above the position. */
  public boolean isEmpty() {
    return span == 0;
  }

  /** How many offsets of the span are still to do. */
  public int incompleteCount() {
    return incomplete.size();
  }

  /**
   * True when the offset at P + {@code relativeOffset} is known to be done: inside the span and not
   * listed as incomplete. False for an incomplete offset and for one past the span (not seen).
   */
  public boolean isDone(long relativeOffset) {
    requireNotNegative(relativeOffset);
    return relativeOffset < span && !incomplete.containsKey(relativeOffset);
  }

  /**
   * The attempts recorded for the offset at P + {@code relativeOffset}: its count when incomplete,
   * else 0 (a done record is not redone, and one past the span was not tried).
   */
  public int attempts(long relativeOffset) {
    requireNotNegative(relativeOffset);
    return incomplete.getOrDefault(relativeOffset, 0);
  }

  private static void requireNotNegative(long relativeOffset) {
    if (relativeOffset < 0) {
      throw new IllegalArgumentException("relative offset must be at least 0, got " + relativeOffset);
    }
  }
}
