package io.dreamworker.worker.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

class OffsetMetadataCodecPropertiesTest {
  /** Incomplete offsets per generated value, at most: offset 0 and up to this many after it. */
  private static final int MAX_LATER_INCOMPLETE = 1999;
  /** A bitset longer than this is not written in the tests (it would never be the smallest anyway). */
  private static final long MAX_BITSET_BYTES_WRITTEN = 1 << 20;
  /** The characters base64url uses. */
  private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private final OffsetMetadataCodec codec = new OffsetMetadataCodec();

  @Property
  @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
  void anyOffsets_readBackAsThemselves(@ForAll("offsets") IncompleteOffsets offsets) {
    String metadata = codec.encode(offsets, Integer.MAX_VALUE);

    assertThat(codec.decode(metadata)).isEqualTo(new DecodedMetadata.Valid(offsets));
    assertThat(metadata).hasSize(codec.encodedLength(offsets));
    Statistics.label("set encoding").collect(codec.chosenSetEncoding(offsets));
    Statistics.label("attempts encoding").collect(codec.chosenAttemptsEncoding(offsets));
    Statistics.label("set encoding").coverage(checker -> {
      for (SetEncoding set : SetEncoding.values()) {
        checker.check(set).percentage(percent -> percent >= 5);
      }
    });
    Statistics.label("attempts encoding").coverage(checker -> {
      for (AttemptsEncoding attempts : AttemptsEncoding.values()) {
        checker.check(attempts).percentage(percent -> percent >= 5);
      }
    });
  }

  @Property(tries = 300)
  void anyOffsets_readBackFromEverySetEncoding(@ForAll("offsets") IncompleteOffsets offsets) {
    for (SetEncoding set : SetEncoding.values()) {
      if (set.length(offsets) <= MAX_BITSET_BYTES_WRITTEN) {
        assertThat(codec.decode(codec.encodeWith(offsets, set))).as(set.name())
            .isEqualTo(new DecodedMetadata.Valid(offsets));
      }
    }
  }

  /**
   * The string is ASCII of the prefix and base64url, exactly as long as the smallest set and
   * attempts encodings make it, and no longer than any set encoding written out.
   */
  @Property
  void anyOffsets_areAsciiAndTheSmallestEncoding(@ForAll("offsets") IncompleteOffsets offsets) {
    String metadata = codec.encode(offsets, Integer.MAX_VALUE);
    long smallestSet = Arrays.stream(SetEncoding.values()).mapToLong(set -> set.length(offsets)).min().orElseThrow();
    long smallestAttempts = Arrays.stream(AttemptsEncoding.values()).mapToLong(a -> a.length(offsets)).min()
        .orElseThrow();
    long headerBytes = 2 + PayloadSink.varintLength(offsets.span());

    assertThat(metadata).startsWith("dw1:");
    assertThat(metadata.substring(4).chars()).allMatch(c -> BASE64URL.indexOf(c) >= 0);
    assertThat(metadata).hasSize(base64Chars(headerBytes + smallestSet + smallestAttempts) + 4);
    assertThat(codec.chosenSetEncoding(offsets).length(offsets)).isEqualTo(smallestSet);
    for (SetEncoding set : SetEncoding.values()) {
      if (set.length(offsets) <= MAX_BITSET_BYTES_WRITTEN) {
        String written = codec.encodeWith(offsets, set);
        assertThat(written).as(set.name())
            .hasSize(base64Chars(headerBytes + set.length(offsets) + smallestAttempts) + 4);
        assertThat(metadata.length()).as(set.name()).isLessThanOrEqualTo(written.length());
      }
    }
  }

  @Property
  void anyLimit_fitsOrThrowsWithTheEncodedLength(@ForAll("offsets") IncompleteOffsets offsets,
      @ForAll @IntRange(min = 1, max = 12_000) int maxChars) {
    assertFitsOrThrows(offsets, maxChars);
  }

  @Property(tries = 300)
  void limitAroundTheEncodedLength_fitsExactlyWhenNotBelowIt(@ForAll("offsets") IncompleteOffsets offsets,
      @ForAll @IntRange(min = -2, max = 2) int slack) {
    int maxChars = Math.max(1, codec.encodedLength(offsets) + slack);

    assertFitsOrThrows(offsets, maxChars);
  }

  @Property
  void anyString_decodesWithoutThrowing(@ForAll String metadata) {
    assertDecodesToAValue(metadata);
  }

  @Property
  void anyBase64urlAfterThePrefix_decodesWithoutThrowing(@ForAll("base64url") String payload) {
    assertDecodesToAValue("dw1:" + payload);
  }

  @Property
  void anyPayload_decodesWithoutThrowing(@ForAll("payloads") byte[] payload) {
    assertDecodesToAValue("dw1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(payload));
  }

  @Property
  void anyMutationOfAValidEncoding_decodesWithoutThrowing(@ForAll("offsets") IncompleteOffsets offsets,
      @ForAll Mutation mutation, @ForAll @IntRange(min = 0, max = 100_000) int at,
      @ForAll("replacements") char replacement) {
    String metadata = codec.encode(offsets, Integer.MAX_VALUE);

    assertDecodesToAValue(mutation.apply(metadata, at % metadata.length(), replacement));
  }

  @Property
  void brokenInvariant_isRefused(@ForAll("offsets") IncompleteOffsets offsets, @ForAll Breakage breakage) {
    TreeMap<Long, Integer> incomplete = new TreeMap<>(offsets.incomplete());
    long span = breakage.apply(offsets.span(), incomplete);

    assertThatThrownBy(() -> new IncompleteOffsets(span, incomplete)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageMatching(".*(span|offset).*");
  }

  /** How a valid string is damaged. */
  enum Mutation {
    TRUNCATE {
      @Override
      String apply(String metadata, int at, char replacement) {
        return metadata.substring(0, at);
      }
    },
    REPLACE {
      @Override
      String apply(String metadata, int at, char replacement) {
        return metadata.substring(0, at) + replacement + metadata.substring(at + 1);
      }
    },
    INSERT {
      @Override
      String apply(String metadata, int at, char replacement) {
        return metadata.substring(0, at) + replacement + metadata.substring(at);
      }
    },
    DELETE {
      @Override
      String apply(String metadata, int at, char replacement) {
        return metadata.substring(0, at) + metadata.substring(at + 1);
      }
    };

    abstract String apply(String metadata, int at, char replacement);
  }

  /** How a valid value is made invalid; returns the span to use, and may change the map. */
  enum Breakage {
    NEGATIVE_SPAN {
      @Override
      long apply(long span, TreeMap<Long, Integer> incomplete) {
        return -span;
      }
    },
    ZERO_SPAN {
      @Override
      long apply(long span, TreeMap<Long, Integer> incomplete) {
        return 0;
      }
    },
    OFFSET_ZERO_DONE {
      @Override
      long apply(long span, TreeMap<Long, Integer> incomplete) {
        incomplete.remove(0L);
        return span;
      }
    },
    OFFSET_AT_THE_SPAN {
      @Override
      long apply(long span, TreeMap<Long, Integer> incomplete) {
        incomplete.put(span, 1);
        return span;
      }
    },
    NEGATIVE_OFFSET {
      @Override
      long apply(long span, TreeMap<Long, Integer> incomplete) {
        incomplete.put(-span, 1);
        return span;
      }
    },
    NEGATIVE_ATTEMPTS {
      @Override
      long apply(long span, TreeMap<Long, Integer> incomplete) {
        incomplete.put(incomplete.lastKey(), -1 - incomplete.lastEntry().getValue());
        return span;
      }
    };

    abstract long apply(long span, TreeMap<Long, Integer> incomplete);
  }

  /**
   * Valid offsets of varied shapes: per value, a scale for the gaps between incomplete offsets (from
   * dense to 2^32 apart), how often a gap is 1 (runs), the attempts (all 1, any, or mostly 1) and a
   * done stretch after the last incomplete offset (none, short, up to 2^40, or near 2^62). One in
   * twenty is an extreme named here; those stand in for the edge cases combined from the parts,
   * which number in the hundreds and would crowd out the random values.
   */
  @Provide
  Arbitrary<IncompleteOffsets> offsets() {
    Arbitrary<Long> gapScale = Arbitraries.of(2L, 16L, 4096L, 1L << 32);
    Arbitrary<Integer> runWeight = Arbitraries.of(1, 9, 99);
    Arbitrary<Arbitrary<Integer>> attempts = Arbitraries.of(List.of(Arbitraries.just(1),
        Arbitraries.integers().between(0, 50),
        Arbitraries.frequencyOf(Tuple.of(20, Arbitraries.just(1)),
            Tuple.of(1, Arbitraries.integers().between(0, 50)))));
    Arbitrary<Long> trailing = Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(1, 100),
        Arbitraries.longs().between(1, 1L << 40), Arbitraries.longs().between(1L << 61, 1L << 62));
    Arbitrary<IncompleteOffsets> generated = Combinators.combine(gapScale, runWeight, attempts)
        .flatAs((scale, weight, attempt) -> {
          Arbitrary<Long> gap = Arbitraries.frequencyOf(Tuple.of(weight, Arbitraries.just(1L)),
              Tuple.of(10, Arbitraries.longs().between(1, scale)));
          Arbitrary<List<Tuple2<Long, Integer>>> later = Combinators.combine(gap, attempt).as(Tuple::of).list()
              .ofMaxSize(MAX_LATER_INCOMPLETE);
          return Combinators.combine(attempt, later, trailing).as(OffsetMetadataCodecPropertiesTest::offsets);
        });
    Arbitrary<IncompleteOffsets> extremes = Arbitraries.of(
        new IncompleteOffsets(1, new TreeMap<>(Map.of(0L, 0))),
        new IncompleteOffsets(Long.MAX_VALUE, new TreeMap<>(Map.of(0L, Integer.MAX_VALUE))),
        new IncompleteOffsets(Long.MAX_VALUE, new TreeMap<>(Map.of(0L, 1, Long.MAX_VALUE - 1, 50))),
        offsets(1, Collections.nCopies(MAX_LATER_INCOMPLETE, Tuple.of(1L, 1)), 0));
    return Arbitraries.frequencyOf(Tuple.of(1, extremes), Tuple.of(19, generated.withoutEdgeCases()));
  }

  @Provide
  Arbitrary<String> base64url() {
    return Arbitraries.strings().withChars(BASE64URL).ofMaxLength(80);
  }

  /** Byte strings, most of them starting with a known set encoding so that they get past it. */
  @Provide
  Arbitrary<byte[]> payloads() {
    Arbitrary<Integer> first = Arbitraries.integers().between(0, 4);
    Arbitrary<byte[]> rest = Arbitraries.bytes().array(byte[].class).ofMaxSize(48);
    return Combinators.combine(first, rest).as((id, bytes) -> {
      byte[] payload = new byte[bytes.length + 1];
      payload[0] = id.byteValue();
      System.arraycopy(bytes, 0, payload, 1, bytes.length);
      return payload;
    });
  }

  /** Mostly characters of base64url, which get past the base64 check, and some that do not. */
  @Provide
  Arbitrary<Character> replacements() {
    return Arbitraries.frequencyOf(Tuple.of(9, Arbitraries.chars().with(BASE64URL.toCharArray())),
        Tuple.of(1, Arbitraries.chars()));
  }

  private void assertFitsOrThrows(IncompleteOffsets offsets, int maxChars) {
    int length = codec.encodedLength(offsets);
    try {
      String metadata = codec.encode(offsets, maxChars);
      assertThat(metadata).hasSize(length);
      assertThat(metadata.length()).isLessThanOrEqualTo(maxChars);
    } catch (OffsetMetadataTooLargeException tooLarge) {
      assertThat(tooLarge.neededChars()).isEqualTo(length).isGreaterThan(maxChars);
      assertThat(tooLarge.maxChars()).isEqualTo(maxChars);
    }
  }

  /** Decoding gives a value, and a valid one encodes again to what it is. */
  private void assertDecodesToAValue(String metadata) {
    DecodedMetadata decoded = codec.decode(metadata);

    assertThat(decoded).isNotNull();
    if (decoded instanceof DecodedMetadata.Valid valid) {
      assertThat(codec.decode(codec.encode(valid.offsets(), Integer.MAX_VALUE))).isEqualTo(decoded);
    }
    if (decoded instanceof DecodedMetadata.Unreadable unreadable) {
      assertThat(unreadable.reason()).isNotBlank();
    }
  }

  private static IncompleteOffsets offsets(int firstAttempts, List<Tuple2<Long, Integer>> later, long trailing) {
    TreeMap<Long, Integer> incomplete = new TreeMap<>(Map.of(0L, firstAttempts));
    long offset = 0;
    for (Tuple2<Long, Integer> next : later) {
      offset += next.get1();
      incomplete.put(offset, next.get2());
    }
    return new IncompleteOffsets(offset + 1 + trailing, incomplete);
  }

  private static int base64Chars(long bytes) {
    return (int) ((4 * bytes + 2) / 3);
  }
}
