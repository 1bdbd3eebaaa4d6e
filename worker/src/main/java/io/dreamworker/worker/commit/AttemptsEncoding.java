package io.dreamworker.worker.commit;

import io.dreamworker.worker.commit.PayloadReader.MalformedPayloadException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ways the payload lists the attempt counts, one per incomplete offset in ascending order; the
 * codec keeps the smaller (the byte layouts are in {@link OffsetMetadataCodec}'s table).
 */
enum AttemptsEncoding implements PartEncoding {
  /** One varint per offset: the smaller when the counts differ from one offset to the next. */
  LIST(1) {
    @Override
    public void write(IncompleteOffsets offsets, PayloadSink sink) {
      for (int attempts : offsets.incomplete().values()) {
        sink.varint(attempts);
      }
    }

    @Override
    void read(PayloadReader reader, TreeMap<Long, Integer> into) {
      for (Map.Entry<Long, Integer> entry : into.entrySet()) {
        entry.setValue(reader.intVarint("an attempt count"));
      }
    }
  },

  /**
   * Pairs of (attempts, how many consecutive offsets have them): the smaller in the usual case, where
   * most records are on their first attempt and one pair covers them all.
   */
  RUNS(2) {
    @Override
    public void write(IncompleteOffsets offsets, PayloadSink sink) {
      Iterator<Integer> values = offsets.incomplete().values().iterator();
      int value = values.next();
      long count = 1;
      while (values.hasNext()) {
        int next = values.next();
        if (next != value) {
          sink.varint(value);
          sink.varint(count);
          value = next;
          count = 0;
        }
        count++;
      }
      sink.varint(value);
      sink.varint(count);
    }

    @Override
    void read(PayloadReader reader, TreeMap<Long, Integer> into) {
      Iterator<Map.Entry<Long, Integer>> entries = into.entrySet().iterator();
      long left = into.size();
      while (left > 0) {
        int value = reader.intVarint("the attempts of a run");
        long count = reader.varint("the length of an attempts run");
        if (count == 0 || count > left) {
          throw new MalformedPayloadException("an attempts run of length " + count + " where " + left
              + " of " + into.size() + " incomplete offsets are left; runs are at least 1 and cover each once");
        }
        for (long index = 0; index < count; index++) {
          entries.next().setValue(value);
        }
        left -= count;
      }
    }
  };

  private final int id;

  AttemptsEncoding(int id) {
    this.id = id;
  }

  /** Reads one attempt count for each offset of {@code into}, in its order, replacing the values. */
  abstract void read(PayloadReader reader, TreeMap<Long, Integer> into);

  @Override
  public int id() {
    return id;
  }

  /** The encoding a payload names, or a reason. */
  static AttemptsEncoding ofId(int id) {
    return PartEncoding.ofId(values(), id, "attempts");
  }
}
