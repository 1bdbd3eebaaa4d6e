package io.dreamworker.worker.commit;

import io.dreamworker.worker.commit.PayloadReader.MalformedPayloadException;
import java.util.Iterator;
import java.util.TreeMap;

/**
 * The ways the payload lists which offsets of the span are incomplete. Each suits another shape, and
 * the codec keeps the one that takes the fewest bytes for the input at hand (the byte layouts are in
 * {@link OffsetMetadataCodec}'s table).
 *
 * <p>Only the incomplete offsets are ever materialised: reading a done run, however long, costs one
 * varint, and the offsets read are capped at {@link IncompleteOffsets#MAX_INCOMPLETE} before they
 * are stored, so hostile metadata cannot make the decoder allocate more than the cap.
 */
enum SetEncoding implements PartEncoding {
  /**
   * One bit per offset of the span, least significant bit first: the smallest when incomplete and
   * done offsets alternate densely in a short span (a byte holds eight of them).
   */
  BITSET(1) {
    @Override
    public long length(IncompleteOffsets offsets) {
      return bitsetBytes(offsets.span());
    }

    @Override
    public void write(IncompleteOffsets offsets, PayloadSink sink) {
      long bytes = bitsetBytes(offsets.span());
      Iterator<Long> incomplete = offsets.incomplete().keySet().iterator();
      long next = incomplete.next();
      for (long index = 0; index < bytes; index++) {
        long firstOfByte = index * Byte.SIZE;
        int bits = 0;
        while (next < firstOfByte + Byte.SIZE) {
          bits |= 1 << (int) (next - firstOfByte);
          next = incomplete.hasNext() ? incomplete.next() : Long.MAX_VALUE;
        }
        sink.octet(bits);
      }
    }

    @Override
    void read(PayloadReader reader, long span, TreeMap<Long, Integer> into) {
      long bytes = bitsetBytes(span);
      if (bytes > reader.remaining()) {
        throw new MalformedPayloadException("truncated payload: a bitset over a span of " + span + " needs "
            + bytes + " bytes and the payload has " + reader.remaining() + " left");
      }
      for (long index = 0; index < bytes; index++) {
        int bits = reader.octet("the bitset");
        while (bits != 0) {
          add(into, index * Byte.SIZE + Integer.numberOfTrailingZeros(bits));
          bits &= bits - 1;
        }
      }
    }
  },

  /**
   * The lengths of alternating runs, incomplete first (offset 0 always is), the last one ending at
   * the span: the smallest for a few long runs, such as one slow record ahead of a million done ones.
   */
  RUN_LENGTH(2) {
    @Override
    public void write(IncompleteOffsets offsets, PayloadSink sink) {
      long runStart = 0;
      long previous = -1;
      for (long offset : offsets.incomplete().keySet()) {
        if (offset != previous + 1) {
          sink.varint(previous + 1 - runStart);
          sink.varint(offset - previous - 1);
          runStart = offset;
        }
        previous = offset;
      }
      sink.varint(previous + 1 - runStart);
      if (previous + 1 < offsets.span()) {
        sink.varint(offsets.span() - previous - 1);
      }
    }

    @Override
    void read(PayloadReader reader, long span, TreeMap<Long, Integer> into) {
      long covered = 0;
      boolean incompleteRun = true;
      while (covered < span) {
        long run = reader.varint("a run length");
        if (run == 0) {
          throw new MalformedPayloadException("a run of length 0 at offset " + covered + "; runs are at least 1");
        }
        if (run > span - covered) {
          throw new MalformedPayloadException("a run of " + run + " from offset " + covered
              + " passes the span of " + span);
        }
        if (incompleteRun) {
          requireRoom(into, run);
          for (long offset = covered; offset < covered + run; offset++) {
            into.put(offset, 0);
          }
        }
        covered += run;
        incompleteRun = !incompleteRun;
      }
    }
  },

  /**
   * How many offsets are incomplete, then the gaps between consecutive ones after offset 0: the
   * smallest for a few offsets scattered over a long span.
   */
  DELTA_LIST(3) {
    @Override
    public void write(IncompleteOffsets offsets, PayloadSink sink) {
      sink.varint(offsets.incompleteCount());
      long previous = 0;
      for (long offset : offsets.incomplete().tailMap(1L).keySet()) {
        sink.varint(offset - previous);
        previous = offset;
      }
    }

    @Override
    void read(PayloadReader reader, long span, TreeMap<Long, Integer> into) {
      long count = reader.varint("the count of incomplete offsets");
      if (count == 0) {
        throw new MalformedPayloadException("a delta list of 0 offsets; offset 0 is always incomplete");
      }
      requireRoom(into, count);
      // Each gap takes a byte at least: a count the rest of the payload cannot hold is refused here.
      if (count - 1 > reader.remaining()) {
        throw new MalformedPayloadException("truncated payload: a delta list of " + count + " offsets needs at least "
            + (count - 1) + " bytes of gaps and the payload has " + reader.remaining() + " left");
      }
      long offset = 0;
      into.put(offset, 0);
      for (long index = 1; index < count; index++) {
        long gap = reader.varint("a gap of the delta list");
        if (gap == 0 || gap > span - 1 - offset) {
          throw new MalformedPayloadException("a gap of " + gap + " after offset " + offset
              + "; gaps are at least 1 and stay inside the span of " + span);
        }
        offset += gap;
        into.put(offset, 0);
      }
    }
  };

  private final int id;

  SetEncoding(int id) {
    this.id = id;
  }

  /** Reads the incomplete offsets of a span of at least 1 into {@code into}, each with 0 attempts. */
  abstract void read(PayloadReader reader, long span, TreeMap<Long, Integer> into);

  @Override
  public int id() {
    return id;
  }

  /** The encoding a payload names, or a reason. */
  static SetEncoding ofId(int id) {
    return PartEncoding.ofId(values(), id, "incomplete-set");
  }

  private static long bitsetBytes(long span) {
    return span / Byte.SIZE + (span % Byte.SIZE == 0 ? 0 : 1);
  }

  private static void add(TreeMap<Long, Integer> into, long offset) {
    requireRoom(into, 1);
    into.put(offset, 0);
  }

  private static void requireRoom(TreeMap<Long, Integer> into, long more) {
    if (more > IncompleteOffsets.MAX_INCOMPLETE - into.size()) {
      throw new MalformedPayloadException("more than " + IncompleteOffsets.MAX_INCOMPLETE
          + " incomplete offsets (" + into.size() + " read, " + more + " more)");
    }
  }
}
