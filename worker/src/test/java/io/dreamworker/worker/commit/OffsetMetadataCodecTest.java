package io.dreamworker.worker.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class OffsetMetadataCodecTest {
  private final OffsetMetadataCodec codec = new OffsetMetadataCodec();

  // --- encode: the format, byte by byte -----------------------------------------------------------

  @Test
  void none_isTheEmptyString() {
    assertThat(codec.encode(IncompleteOffsets.NONE, OffsetMetadataCodec.DEFAULT_MAX_CHARS)).isEmpty();
    assertThat(codec.encodedLength(IncompleteOffsets.NONE)).isZero();
  }

  @Test
  void emptyOrNullMetadata_decodesAsNone() {
    assertThat(codec.decode("")).isEqualTo(new DecodedMetadata.None());
    assertThat(codec.decode(null)).isEqualTo(new DecodedMetadata.None());
  }

  @Test
  void singleIncompleteAtZero_isAShortStringThatReadsBack() {
    IncompleteOffsets offsets = offsets(1, Map.of(0L, 1));

    String metadata = codec.encode(offsets, OffsetMetadataCodec.DEFAULT_MAX_CHARS);

    // A tie between all three set encodings (one byte each) goes to the bitset, the first.
    assertThat(metadata).isEqualTo("dw1:AQEBAQE").isEqualTo(metadata(payload().octet(1).varint(1).octet(0b1)
        .octet(1).varint(1)));
    assertThat(codec.decode(metadata)).isEqualTo(new DecodedMetadata.Valid(offsets));
  }

  @Test
  void denseFragmentationInAShortSpan_isABitset() {
    // Every other offset of 64 incomplete: 8 bytes of bits, against 64 run lengths or 32 deltas.
    TreeMap<Long, Integer> incomplete = new TreeMap<>();
    for (long offset = 0; offset < 64; offset += 2) {
      incomplete.put(offset, 1);
    }
    IncompleteOffsets offsets = new IncompleteOffsets(64, incomplete);

    assertThat(codec.chosenSetEncoding(offsets)).isEqualTo(SetEncoding.BITSET);
    assertThat(SetEncoding.BITSET.length(offsets)).isEqualTo(8);
    assertThat(SetEncoding.RUN_LENGTH.length(offsets)).isEqualTo(64);
    assertThat(SetEncoding.DELTA_LIST.length(offsets)).isEqualTo(32);
    Payload expected = payload().octet(1).varint(64);
    for (int index = 0; index < 8; index++) {
      expected.octet(0b0101_0101);
    }
    assertThat(codec.encode(offsets, OffsetMetadataCodec.DEFAULT_MAX_CHARS))
        .isEqualTo(metadata(expected.octet(2).varint(1).varint(32)));
    assertRoundTrip(offsets);
  }

  @Test
  void fewLongRunsInALongSpan_areRunLengths() {
    // A thousand slow records, a long done stretch, another thousand, the rest done.
    TreeMap<Long, Integer> incomplete = new TreeMap<>();
    for (long offset = 0; offset < 1000; offset++) {
      incomplete.put(offset, 1);
      incomplete.put(500_000 + offset, 1);
    }
    IncompleteOffsets offsets = new IncompleteOffsets(1_000_000, incomplete);

    assertThat(codec.chosenSetEncoding(offsets)).isEqualTo(SetEncoding.RUN_LENGTH);
    assertThat(codec.encode(offsets, OffsetMetadataCodec.DEFAULT_MAX_CHARS)).isEqualTo(metadata(payload().octet(2)
        .varint(1_000_000).varint(1000).varint(499_000).varint(1000).varint(499_000).octet(2).varint(1).varint(2000)));
    assertThat(SetEncoding.DELTA_LIST.length(offsets)).isGreaterThan(2000);
    assertThat(SetEncoding.BITSET.length(offsets)).isEqualTo(125_000);
    assertRoundTrip(offsets);
  }

  @Test
  void fewScatteredOffsetsInALongSpan_areADeltaList() {
    IncompleteOffsets offsets = offsets(1 << 20, Map.of(0L, 3, 1000L, 1, 5000L, 2, 70_000L, 1));

    assertThat(codec.chosenSetEncoding(offsets)).isEqualTo(SetEncoding.DELTA_LIST);
    assertThat(codec.chosenAttemptsEncoding(offsets)).isEqualTo(AttemptsEncoding.LIST);
    assertThat(codec.encode(offsets, OffsetMetadataCodec.DEFAULT_MAX_CHARS)).isEqualTo(metadata(payload().octet(3)
        .varint(1 << 20).varint(4).varint(1000).varint(4000).varint(65_000).octet(1).varint(3).varint(1).varint(2)
        .varint(1)));
    assertThat(SetEncoding.DELTA_LIST.length(offsets)).isLessThan(SetEncoding.RUN_LENGTH.length(offsets));
    assertRoundTrip(offsets);
  }

  @Test
  void equalAttempts_areOneRun() {
    IncompleteOffsets offsets = offsets(10, Map.of(0L, 1, 3L, 1, 7L, 1));

    assertThat(codec.chosenAttemptsEncoding(offsets)).isEqualTo(AttemptsEncoding.RUNS);
    assertThat(AttemptsEncoding.RUNS.length(offsets)).isEqualTo(2);
    assertThat(AttemptsEncoding.LIST.length(offsets)).isEqualTo(3);
    assertRoundTrip(offsets);
  }

  @Test
  void attemptsThatChangeFromOffsetToOffset_areAList() {
    IncompleteOffsets offsets = offsets(10, Map.of(0L, 4, 3L, 0, 7L, 300));

    assertThat(codec.chosenAttemptsEncoding(offsets)).isEqualTo(AttemptsEncoding.LIST);
    assertRoundTrip(offsets);
  }

  @Test
  void everySetEncoding_readsBackWhetherSmallestOrNot() {
    IncompleteOffsets offsets = offsets(300, Map.of(0L, 1, 1L, 1, 2L, 5, 150L, 0, 299L, 1));

    for (SetEncoding set : SetEncoding.values()) {
      String metadata = codec.encodeWith(offsets, set);

      assertThat(Base64.getUrlDecoder().decode(metadata.substring(4))[0]).as(set.name()).isEqualTo((byte) set.id());
      assertThat(codec.decode(metadata)).as(set.name()).isEqualTo(new DecodedMetadata.Valid(offsets));
    }
  }

  @Test
  void hugeSpanWithTwoIncomplete_readsBackAndIsSmall() {
    IncompleteOffsets offsets = offsets(1L << 40, Map.of(0L, 1, 1L << 39, 3));

    String metadata = codec.encode(offsets, OffsetMetadataCodec.DEFAULT_MAX_CHARS);

    assertThat(metadata).hasSizeLessThanOrEqualTo(30);
    assertThat(codec.decode(metadata)).isEqualTo(new DecodedMetadata.Valid(offsets));
  }

  @Test
  void largestSpan_readsBack() {
    assertRoundTrip(offsets(Long.MAX_VALUE, Map.of(0L, 1)));
    assertRoundTrip(offsets(Long.MAX_VALUE, Map.of(0L, Integer.MAX_VALUE, Long.MAX_VALUE - 1, 0)));
  }

  // --- encode: the limit --------------------------------------------------------------------------

  @Test
  void overTheLimit_throwsWithTheNeededLengthAndTheLimit() {
    IncompleteOffsets offsets = scattered(3000);
    int needed = codec.encodedLength(offsets);

    assertThat(needed).isGreaterThan(OffsetMetadataCodec.DEFAULT_MAX_CHARS);
    assertThatThrownBy(() -> codec.encode(offsets, OffsetMetadataCodec.DEFAULT_MAX_CHARS))
        .isInstanceOfSatisfying(OffsetMetadataTooLargeException.class, tooLarge -> {
          assertThat(tooLarge.neededChars()).isEqualTo(needed);
          assertThat(tooLarge.maxChars()).isEqualTo(4096);
        })
        .hasMessage("offset metadata needs " + needed + " characters, over the limit of 4096 "
            + "(offset.metadata.max.bytes)");
  }

  @Test
  void exactlyTheLimit_fitsAndOneLessDoesNot() {
    IncompleteOffsets offsets = scattered(100);
    int needed = codec.encodedLength(offsets);

    assertThat(codec.encode(offsets, needed)).hasSize(needed);
    assertThatThrownBy(() -> codec.encode(offsets, needed - 1)).isInstanceOf(OffsetMetadataTooLargeException.class);
  }

  @Test
  void nonPositiveLimit_isRefused() {
    assertThatThrownBy(() -> codec.encode(IncompleteOffsets.NONE, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxChars must be at least 1, got 0; pass the broker's offset.metadata.max.bytes (default 4096)");
    assertThatThrownBy(() -> codec.encode(offsets(1, Map.of(0L, 1)), -5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxChars must be at least 1, got -5");
  }

  // --- decode: metadata that is not ours ----------------------------------------------------------

  @Test
  void arbitraryString_isNotOurs() {
    assertThat(codec.decode("abc")).isEqualTo(unreadable("not written by dreamworker (no dw1: prefix): 'abc'"));
  }

  @Test
  void kafkaStreamsPartitionTime_isNotOurs() {
    // Kafka Streams commits a task's partition time as base64 of a version byte and a long.
    String streams = Base64.getEncoder().encodeToString(ByteBuffer.allocate(9).put((byte) 1)
        .putLong(1_700_000_000_000L).array());

    assertThat(codec.decode(streams)).isEqualTo(unreadable("not written by dreamworker (no dw1: prefix): '"
        + streams + "'"));
  }

  @Test
  void longForeignString_isQuotedShortenedAndPrintable() {
    String foreign = "line one\nline two " + "x".repeat(100);

    assertThat(codec.decode(foreign)).isEqualTo(unreadable("not written by dreamworker (no dw1: prefix): "
        + "'line one?line two " + "x".repeat(22) + "...' (118 characters)"));
  }

  @Test
  void laterVersionOfTheFormat_isNamed() {
    assertThat(codec.decode("dw2:AQEBAQE")).isEqualTo(unreadable("written in version 2 of dreamworker's format "
        + "(dw2: prefix); this worker reads version 1 (dw1:): 'dw2:AQEBAQE'"));
  }

  @Test
  void notBase64_isUnreadable() {
    assertThat(reason("dw1:AQ*BAQE")).startsWith("payload is not base64url (").endsWith("): 'dw1:AQ*BAQE'");
    assertThat(reason("dw1:A")).startsWith("payload is not base64url (");
  }

  // --- decode: damaged payloads, each check -------------------------------------------------------

  @Test
  void emptyPayload_isTruncated() {
    assertThat(reason("dw1:")).isEqualTo("truncated payload: it ends after 0 bytes, while reading the set encoding");
  }

  @Test
  void everyTruncationOfAValidPayload_isTruncated() {
    Payload[] valid = {
        payload().octet(1).varint(10).octet(0b1001).octet(0b10).octet(2).varint(1).varint(3),
        payload().octet(2).varint(1 << 20).varint(2).varint(500).varint(3).varint((1 << 20) - 505).octet(1).varint(1)
            .varint(2).varint(3).varint(4).varint(5),
        payload().octet(3).varint(1 << 20).varint(3).varint(300).varint(70_000).octet(2).varint(1).varint(3)};
    for (Payload payload : valid) {
      byte[] bytes = payload.bytes();
      assertThat(codec.decode(metadata(payload))).isInstanceOf(DecodedMetadata.Valid.class);
      for (int length = 0; length < bytes.length; length++) {
        assertThat(reason(metadata(Arrays.copyOf(bytes, length)))).as("first %d of %d bytes", length,
            bytes.length).startsWith("truncated payload");
      }
    }
  }

  @Test
  void trailingBytes_areUnreadable() {
    assertThat(reason(payload().octet(1).varint(1).octet(1).octet(1).varint(1).octet(0).octet(0)))
        .isEqualTo("trailing bytes: 2 after the attempts, where the payload should end");
  }

  @Test
  void unknownSetEncoding_isUnreadable() {
    assertThat(reason(payload().octet(9).varint(1))).isEqualTo("unknown incomplete-set encoding 9; this worker reads "
        + "1 (BITSET), 2 (RUN_LENGTH), 3 (DELTA_LIST)");
    assertThat(reason(payload().octet(0).varint(1))).startsWith("unknown incomplete-set encoding 0;");
  }

  @Test
  void unknownAttemptsEncoding_isUnreadable() {
    assertThat(reason(payload().octet(1).varint(1).octet(1).octet(7).varint(1)))
        .isEqualTo("unknown attempts encoding 7; this worker reads 1 (LIST), 2 (RUNS)");
  }

  @Test
  void varintOver63Bits_isUnreadable() {
    Payload payload = payload().octet(2);
    for (int index = 0; index < 9; index++) {
      payload.octet(0xFF);
    }
    assertThat(reason(payload.octet(0x01))).isEqualTo("a varint longer than 9 bytes (over 63 bits) at the span");
  }

  @Test
  void zeroSpan_isUnreadable() {
    assertThat(reason(payload().octet(2).varint(0).octet(1)))
        .isEqualTo("a span of 0; nothing recorded above the position is written as the empty string");
  }

  @Test
  void bitsetOverAHugeSpan_isRefusedBeforeAllocating() {
    assertThat(reason(payload().octet(1).varint(1L << 40).octet(1).octet(1).varint(1)))
        .isEqualTo("truncated payload: a bitset over a span of 1099511627776 needs 137438953472 bytes and the "
            + "payload has 3 left");
  }

  @Test
  void bitsetWithOffsetZeroDone_isInconsistent() {
    assertThat(reason(payload().octet(1).varint(3).octet(0b010).octet(1).varint(1)))
        .isEqualTo("inconsistent content: relative offset 0 must be incomplete when the span is 3 (the position is "
            + "the lowest incomplete offset), but the lowest listed is 1");
  }

  @Test
  void bitsetWithBitsPastTheSpan_isInconsistent() {
    assertThat(reason(payload().octet(1).varint(3).octet(0b1001).octet(2).varint(1).varint(2)))
        .isEqualTo("inconsistent content: relative offset 3 is outside the span [0, 3)");
  }

  @Test
  void incompleteRunOverTheCap_isRefusedBeforeAllocating() {
    assertThat(reason(payload().octet(2).varint(1_000_000_000).varint(1_000_000_000).octet(2).varint(1)
        .varint(1_000_000_000)))
        .isEqualTo("more than 65536 incomplete offsets (0 read, 1000000000 more)");
  }

  @Test
  void longDoneRun_costsNothingToRead() {
    IncompleteOffsets offsets = offsets(1L << 62, Map.of(0L, 1));

    assertThat(codec.decode(metadata(payload().octet(2).varint(1L << 62).varint(1).varint((1L << 62) - 1).octet(1)
        .varint(1)))).isEqualTo(new DecodedMetadata.Valid(offsets));
  }

  @Test
  void runOfLengthZero_isUnreadable() {
    assertThat(reason(payload().octet(2).varint(5).varint(2).varint(0).varint(3)))
        .isEqualTo("a run of length 0 at offset 2; runs are at least 1");
  }

  @Test
  void runPastTheSpan_isUnreadable() {
    assertThat(reason(payload().octet(2).varint(5).varint(2).varint(4)))
        .isEqualTo("a run of 4 from offset 2 passes the span of 5");
  }

  @Test
  void deltaListOfNoOffsets_isUnreadable() {
    assertThat(reason(payload().octet(3).varint(5).varint(0).octet(1)))
        .isEqualTo("a delta list of 0 offsets; offset 0 is always incomplete");
  }

  @Test
  void deltaCountOverTheCap_isRefusedBeforeAllocating() {
    assertThat(reason(payload().octet(3).varint(1L << 40).varint(1L << 40).varint(1)))
        .isEqualTo("more than 65536 incomplete offsets (0 read, 1099511627776 more)");
  }

  @Test
  void deltaCountThePayloadCannotHold_isTruncated() {
    assertThat(reason(payload().octet(3).varint(100).varint(50).varint(1).varint(1)))
        .isEqualTo("truncated payload: a delta list of 50 offsets needs at least 49 bytes of gaps and the payload "
            + "has 2 left");
  }

  @Test
  void deltaGapOfZeroOrPastTheSpan_isUnreadable() {
    assertThat(reason(payload().octet(3).varint(10).varint(2).varint(0).octet(1).varint(1).varint(1)))
        .isEqualTo("a gap of 0 after offset 0; gaps are at least 1 and stay inside the span of 10");
    assertThat(reason(payload().octet(3).varint(10).varint(3).varint(4).varint(6).octet(2).varint(1).varint(3)))
        .isEqualTo("a gap of 6 after offset 4; gaps are at least 1 and stay inside the span of 10");
  }

  @Test
  void attemptCountOverAnInt_isUnreadable() {
    assertThat(reason(payload().octet(1).varint(1).octet(1).octet(1).varint(1L << 31)))
        .isEqualTo("an attempt count is 2147483648, over the largest int");
  }

  @Test
  void attemptRunsNotCoveringEachOffsetOnce_areUnreadable() {
    assertThat(reason(payload().octet(3).varint(9).varint(2).varint(4).octet(2).varint(1).varint(3)))
        .isEqualTo("an attempts run of length 3 where 2 of 2 incomplete offsets are left; runs are at least 1 and "
            + "cover each once");
    assertThat(reason(payload().octet(3).varint(9).varint(2).varint(4).octet(2).varint(1).varint(0)))
        .startsWith("an attempts run of length 0 where 2 of 2");
  }

  // --- helpers ------------------------------------------------------------------------------------

  private void assertRoundTrip(IncompleteOffsets offsets) {
    String metadata = codec.encode(offsets, Integer.MAX_VALUE);
    assertThat(metadata).hasSize(codec.encodedLength(offsets));
    assertThat(codec.decode(metadata)).isEqualTo(new DecodedMetadata.Valid(offsets));
  }

  private String reason(Payload payload) {
    return reason(metadata(payload));
  }

  private String reason(String metadata) {
    DecodedMetadata decoded = codec.decode(metadata);
    assertThat(decoded).isInstanceOf(DecodedMetadata.Unreadable.class);
    return ((DecodedMetadata.Unreadable) decoded).reason();
  }

  private static DecodedMetadata unreadable(String reason) {
    return new DecodedMetadata.Unreadable(reason);
  }

  private static IncompleteOffsets offsets(long span, Map<Long, Integer> incomplete) {
    return new IncompleteOffsets(span, new TreeMap<>(incomplete));
  }

  /** {@code count} offsets spread over a long span, each with another attempt count: no encoding is small. */
  private static IncompleteOffsets scattered(int count) {
    TreeMap<Long, Integer> incomplete = new TreeMap<>();
    for (long index = 0; index < count; index++) {
      incomplete.put(index * 1000 + index % 7, (int) (index % 5));
    }
    return new IncompleteOffsets(count * 1000L, incomplete);
  }

  private static String metadata(Payload payload) {
    return metadata(payload.bytes());
  }

  private static String metadata(byte[] payload) {
    return "dw1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(payload);
  }

  private static Payload payload() {
    return new Payload();
  }

  /** Builds payloads by hand, apart from the codec's own writer, so the tests pin the format down. */
  private static final class Payload {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Payload octet(int value) {
      bytes.write(value);
      return this;
    }

    Payload varint(long value) {
      long rest = value;
      while ((rest & ~0x7FL) != 0) {
        bytes.write((int) (rest & 0x7F) | 0x80);
        rest >>>= 7;
      }
      bytes.write((int) rest);
      return this;
    }

    byte[] bytes() {
      return bytes.toByteArray();
    }
  }
}
