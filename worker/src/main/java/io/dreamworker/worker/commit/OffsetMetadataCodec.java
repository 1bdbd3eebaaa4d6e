package io.dreamworker.worker.commit;

import io.dreamworker.worker.commit.PayloadReader.MalformedPayloadException;
import java.util.Base64;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@link IncompleteOffsets} into the metadata string of a Kafka offset commit, and reads it
 * back.
 *
 * <p>Why: a commit's offset says only "everything below is done", and a worker completes records out
 * of order. The metadata string that travels with each commit can say the rest: which offsets above
 * the position are done and how often the others were attempted. The scheme follows Confluent's
 * Parallel Consumer: offsets relative to the committed position, a magic prefix with a version, a
 * few encodings of the same set of which the smallest is kept, base64 for a string the broker
 * accepts, and a typed failure rather than truncation when even the smallest is over the broker's
 * limit, {@code offset.metadata.max.bytes} (4096 characters by default; the broker compares the
 * string's length).
 *
 * <h2>Format, version 1</h2>
 *
 * <p>{@link IncompleteOffsets#NONE} is the empty string, the metadata of a commit that carries none.
 * Anything else is {@code "dw1:"} and then the payload in base64url without padding (RFC 4648 §5),
 * so the whole string is ASCII. The payload, with every varint an unsigned LEB128 (seven bits a
 * byte, least significant first, at most 9 bytes):
 *
 * <pre>
 * field              size     content
 * -----------------  -------  ---------------------------------------------------------------
 * set encoding       1 byte   1 bitset, 2 run-length, 3 delta list
 * span               varint   at least 1: offsets [P, P + span) are covered
 * incomplete set     ...      by the set encoding:
 *   bitset                    ceil(span / 8) bytes; bit i % 8 (least significant first) of byte
 *                             i / 8 is set when relative offset i is incomplete; bits past the
 *                             span are clear
 *   run-length                varints: the lengths (at least 1) of alternating runs of incomplete
 *                             and done offsets, the first incomplete, adding up to the span
 *   delta list                varint count n (at least 1), then n - 1 varints: the gaps (at least
 *                             1) between consecutive incomplete offsets, after offset 0
 * attempts encoding  1 byte   1 list, 2 runs
 * attempts           ...      by the attempts encoding, one count per incomplete offset, ascending:
 *   list                      n varints
 *   runs                      pairs of varints (attempts, length at least 1), lengths adding up to n
 * (end)                       no bytes follow
 * </pre>
 *
 * <p>Relative offset 0 is always incomplete (it is the position), every count fits an int, and the
 * incomplete offsets number at most {@link IncompleteOffsets#MAX_INCOMPLETE}. Of the set encodings
 * the one with the fewest bytes is written, the first in the order above on a tie; likewise for the
 * attempts. So {@code decode(encode(x))} gives back {@code x}, and an input always gives the same
 * string.
 *
 * <p>Stateless and thread-safe. {@link #decode} never throws: metadata written by other clients, by
 * a later format version, or damaged, is {@link DecodedMetadata.Unreadable} with the reason.
 */
public final class OffsetMetadataCodec {
  /** Kafka brokers' default offset.metadata.max.bytes: the longest metadata a commit may carry. */
  public static final int DEFAULT_MAX_CHARS = 4096;

  /** Marks metadata as this codec's, format version 1. */
  static final String PREFIX = "dw1:";

  /** How a prefix of another version of this format looks, to tell it apart from foreign metadata. */
  private static final Pattern VERSIONED_PREFIX = Pattern.compile("dw(\\d{1,9}):");

  /** The characters of the input quoted in a reason, at most. */
  private static final int QUOTED_CHARS = 40;

  /** The bytes of every payload besides the set and the attempts: the two encoding bytes. */
  private static final int ENCODING_BYTES = 2;

  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder UNBASE64 = Base64.getUrlDecoder();

  /**
   * The metadata for {@code offsets}: empty for {@link IncompleteOffsets#NONE}, else the smallest
   * encoding.
   *
   * @param maxChars the longest string the broker accepts, at least 1 (usually
   *     {@link #DEFAULT_MAX_CHARS})
   * @throws OffsetMetadataTooLargeException when the smallest encoding is longer than {@code maxChars}
   */
  public String encode(IncompleteOffsets offsets, int maxChars) {
    if (maxChars <= 0) {
      throw new IllegalArgumentException("maxChars must be at least 1, got " + maxChars
          + "; pass the broker's offset.metadata.max.bytes (default " + DEFAULT_MAX_CHARS + ")");
    }
    Objects.requireNonNull(offsets, "offsets");
    if (offsets.isEmpty()) {
      return "";
    }
    Layout layout = smallest(offsets);
    if (layout.chars() > maxChars) {
      throw new OffsetMetadataTooLargeException(layout.chars(), maxChars);
    }
    return write(offsets, layout);
  }

  /** The length {@link #encode} gives for {@code offsets}, whatever the limit; 0 for none. */
  public int encodedLength(IncompleteOffsets offsets) {
    Objects.requireNonNull(offsets, "offsets");
    return offsets.isEmpty() ? 0 : smallest(offsets).chars();
  }

  /**
   * A length that {@link #encodedLength} of {@code offsets} never exceeds, and nor does that of any
   * later state of the same partition reached by completing some of its incomplete offsets (the
   * position moving up to the lowest one left) or by raising attempt counts that stay below 128:
   * the length with the delta-list set and the plain attempts list, both of which only shrink when an
   * offset leaves the set. The smallest encoding can grow as offsets complete (a long incomplete run
   * broken up), so a worker that admits a record only while this bound fits knows that every commit
   * it will have to make for the records it admitted fits too.
   */
  public int lengthBound(IncompleteOffsets offsets) {
    Objects.requireNonNull(offsets, "offsets");
    if (offsets.isEmpty()) {
      return 0;
    }
    long payloadBytes = ENCODING_BYTES + PayloadSink.varintLength(offsets.span())
        + SetEncoding.DELTA_LIST.length(offsets) + AttemptsEncoding.LIST.length(offsets);
    return new Layout(SetEncoding.DELTA_LIST, AttemptsEncoding.LIST, payloadBytes).chars();
  }

  /**
   * What {@code metadata} records above the commit's position. Never throws, and allocates in
   * proportion to the input's length and the incomplete offsets it lists, whatever span it claims.
   */
  public DecodedMetadata decode(String metadata) {
    if (metadata == null || metadata.isEmpty()) {
      return new DecodedMetadata.None();
    }
    if (!metadata.startsWith(PREFIX)) {
      Matcher versioned = VERSIONED_PREFIX.matcher(metadata);
      if (versioned.lookingAt()) {
        return new DecodedMetadata.Unreadable("written in version " + versioned.group(1) + " of dreamworker's "
            + "format (" + versioned.group() + " prefix); this worker reads version 1 (" + PREFIX + "): "
            + quoted(metadata));
      }
      return new DecodedMetadata.Unreadable("not written by dreamworker (no " + PREFIX + " prefix): "
          + quoted(metadata));
    }
    byte[] payload;
    try {
      payload = UNBASE64.decode(metadata.substring(PREFIX.length()));
    } catch (IllegalArgumentException notBase64) {
      return new DecodedMetadata.Unreadable("payload is not base64url (" + notBase64.getMessage() + "): "
          + quoted(metadata));
    }
    try {
      return new DecodedMetadata.Valid(read(new PayloadReader(payload)));
    } catch (MalformedPayloadException malformed) {
      return new DecodedMetadata.Unreadable(malformed.getMessage());
    }
  }

  /** The set encoding {@link #encode} writes {@code offsets} with; for tests. */
  SetEncoding chosenSetEncoding(IncompleteOffsets offsets) {
    return smallest(offsets).set();
  }

  /** The attempts encoding {@link #encode} writes {@code offsets} with; for tests. */
  AttemptsEncoding chosenAttemptsEncoding(IncompleteOffsets offsets) {
    return smallest(offsets).attempts();
  }

  /**
   * The metadata for non-empty {@code offsets} with the given set encoding, smallest or not, and no
   * limit; so that tests read back every encoding.
   */
  String encodeWith(IncompleteOffsets offsets, SetEncoding set) {
    if (offsets.isEmpty()) {
      throw new IllegalArgumentException("offsets must not be empty: NONE is always the empty string");
    }
    return write(offsets, layout(offsets, new PartEncoding.Sized<>(set, set.length(offsets))));
  }

  /** What to write: the two encodings and the payload's length in bytes. */
  private record Layout(SetEncoding set, AttemptsEncoding attempts, long payloadBytes) {
    /** The metadata's length: prefix and base64 without padding (four characters per three bytes). */
    int chars() {
      return Math.toIntExact(PREFIX.length() + (4 * payloadBytes + 2) / 3);
    }
  }

  private static Layout smallest(IncompleteOffsets offsets) {
    return layout(offsets, PartEncoding.smallest(SetEncoding.values(), offsets));
  }

  private static Layout layout(IncompleteOffsets offsets, PartEncoding.Sized<SetEncoding> set) {
    PartEncoding.Sized<AttemptsEncoding> attempts = PartEncoding.smallest(AttemptsEncoding.values(), offsets);
    long payloadBytes = ENCODING_BYTES + PayloadSink.varintLength(offsets.span()) + set.bytes() + attempts.bytes();
    return new Layout(set.encoding(), attempts.encoding(), payloadBytes);
  }

  private static String write(IncompleteOffsets offsets, Layout layout) {
    PayloadSink.Writing payload = new PayloadSink.Writing(Math.toIntExact(layout.payloadBytes()));
    payload.octet(layout.set().id());
    payload.varint(offsets.span());
    layout.set().write(offsets, payload);
    payload.octet(layout.attempts().id());
    layout.attempts().write(offsets, payload);
    return PREFIX + BASE64.encodeToString(payload.bytes());
  }

  private static IncompleteOffsets read(PayloadReader payload) {
    SetEncoding set = SetEncoding.ofId(payload.octet("the set encoding"));
    long span = payload.varint("the span");
    if (span == 0) {
      throw new MalformedPayloadException("a span of 0; nothing recorded above the position is written as the "
          + "empty string");
    }
    TreeMap<Long, Integer> incomplete = new TreeMap<>();
    set.read(payload, span, incomplete);
    AttemptsEncoding.ofId(payload.octet("the attempts encoding")).read(payload, incomplete);
    if (payload.remaining() > 0) {
      throw new MalformedPayloadException("trailing bytes: " + payload.remaining() + " after the attempts, where "
          + "the payload should end");
    }
    try {
      return new IncompleteOffsets(span, incomplete);
    } catch (IllegalArgumentException inconsistent) {
      throw new MalformedPayloadException("inconsistent content: " + inconsistent.getMessage());
    }
  }

  /** The start of {@code text} in quotes, characters outside printable ASCII as '?', for a log line. */
  private static String quoted(String text) {
    int shown = Math.min(text.length(), QUOTED_CHARS);
    StringBuilder quoted = new StringBuilder(shown + 32).append('\'');
    for (int index = 0; index < shown; index++) {
      char c = text.charAt(index);
      quoted.append(c >= ' ' && c <= '~' ? c : '?');
    }
    quoted.append(text.length() > shown ? "...' (" + text.length() + " characters)" : "'");
    return quoted.toString();
  }
}
