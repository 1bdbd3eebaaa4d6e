package io.dreamworker.worker.commit;

/**
 * Where an encoding puts its bytes: counted, to choose the smallest encoding and to check the limit
 * before anything is allocated, or written. One code path does both, so the length an encoding
 * claims is the length it writes.
 */
sealed interface PayloadSink permits PayloadSink.Counting, PayloadSink.Writing {

  /** One byte, 0 to 255. */
  void octet(int value);

  /** An unsigned LEB128 varint: seven bits a byte, least significant first, high bit set on all but the last. */
  default void varint(long value) {
    requireVarint(value);
    long rest = value;
    while (rest >= 0x80) {
      octet((int) (rest & 0x7F) | 0x80);
      rest >>>= 7;
    }
    octet((int) rest);
  }

  /** The bytes {@link #varint} takes for {@code value} (at least 0): 1 to 9. */
  static int varintLength(long value) {
    requireVarint(value);
    return (Long.SIZE - 1 - Long.numberOfLeadingZeros(value | 1)) / 7 + 1;
  }

  private static void requireVarint(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("a varint holds a value of at least 0, got " + value);
    }
  }

  /** Counts the bytes and keeps none. */
  final class Counting implements PayloadSink {
    private long count;

    @Override
    public void octet(int value) {
      count++;
    }

    @Override
    public void varint(long value) {
      count += varintLength(value);
    }

    /** The bytes put so far. */
    long count() {
      return count;
    }
  }

  /** Writes into an array of the length counted beforehand. */
  final class Writing implements PayloadSink {
    private final byte[] bytes;
    private int position;

    Writing(int length) {
      this.bytes = new byte[length];
    }

    @Override
    public void octet(int value) {
      if (position == bytes.length) {
        throw new IllegalStateException("payload counted as " + bytes.length + " bytes but more were written");
      }
      bytes[position++] = (byte) value;
    }

    /** The payload, once exactly the counted length was written. */
    byte[] bytes() {
      if (position != bytes.length) {
        throw new IllegalStateException("payload counted as " + bytes.length + " bytes but " + position
            + " were written");
      }
      return bytes;
    }
  }
}
