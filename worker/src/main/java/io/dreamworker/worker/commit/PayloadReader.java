package io.dreamworker.worker.commit;

/**
 * Reads the fields of a decoded payload, failing with {@link MalformedPayloadException} (a reason
 * for a person) on a truncated payload or an oversized varint, so that the decoder's steps read as
 * a sequence of fields and the checks are made once.
 */
final class PayloadReader {
  /** The longest varint a value of at least 0 takes: 63 bits, seven a byte. */
  private static final int MAX_VARINT_BYTES = 9;

  private final byte[] payload;
  private int position;

  PayloadReader(byte[] payload) {
    this.payload = payload;
  }

  /** One byte, 0 to 255; {@code field} names what is read, for the reason. */
  int octet(String field) {
    if (position == payload.length) {
      throw new MalformedPayloadException("truncated payload: it ends after " + payload.length
          + " bytes, while reading " + field);
    }
    return payload[position++] & 0xFF;
  }

  /** An unsigned LEB128 varint of at most 63 bits, so never negative. */
  long varint(String field) {
    long value = 0;
    for (int index = 0; index < MAX_VARINT_BYTES; index++) {
      int octet = octet(field);
      value |= (long) (octet & 0x7F) << (7 * index);
      if ((octet & 0x80) == 0) {
        return value;
      }
    }
    throw new MalformedPayloadException("a varint longer than " + MAX_VARINT_BYTES + " bytes (over 63 bits) at "
        + field);
  }

  /** A varint that must fit an int, such as an attempt count. */
  int intVarint(String field) {
    long value = varint(field);
    if (value > Integer.MAX_VALUE) {
      throw new MalformedPayloadException(field + " is " + value + ", over the largest int");
    }
    return (int) value;
  }

  /** Bytes not read yet. */
  int remaining() {
    return payload.length - position;
  }

  /**
   * Why a payload cannot be read. Thrown and caught inside the decoder only, which turns it into
   * {@link DecodedMetadata.Unreadable}; it carries no stack trace since none is ever shown.
   */
  static final class MalformedPayloadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedPayloadException(String reason) {
      super(reason, null, false, false);
    }
  }
}
