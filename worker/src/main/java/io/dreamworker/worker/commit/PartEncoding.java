package io.dreamworker.worker.commit;

import io.dreamworker.worker.commit.PayloadReader.MalformedPayloadException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One of the interchangeable encodings of a part of the payload ({@link SetEncoding} for the
 * incomplete set, {@link AttemptsEncoding} for the attempts). It names itself with a byte and counts
 * its bytes through the same code that writes them, so that the smallest can be chosen before
 * anything is allocated.
 */
interface PartEncoding {

  /** The byte that names this encoding in the payload. */
  int id();

  /** Puts this part of the payload for non-empty {@code offsets}. */
  void write(IncompleteOffsets offsets, PayloadSink sink);

  /** The bytes {@link #write} puts for {@code offsets}. */
  default long length(IncompleteOffsets offsets) {
    PayloadSink.Counting counting = new PayloadSink.Counting();
    write(offsets, counting);
    return counting.count();
  }

  /** An encoding and the bytes it takes for an input. */
  record Sized<E extends PartEncoding>(E encoding, long bytes) {}

  /** The first of {@code candidates} with the fewest bytes for {@code offsets}. */
  static <E extends PartEncoding> Sized<E> smallest(E[] candidates, IncompleteOffsets offsets) {
    Sized<E> smallest = null;
    for (E candidate : candidates) {
      long bytes = candidate.length(offsets);
      if (smallest == null || bytes < smallest.bytes()) {
        smallest = new Sized<>(candidate, bytes);
      }
    }
    return smallest;
  }

  /** The one of {@code candidates} a payload names, or a reason naming {@code part} and the known ids. */
  static <E extends PartEncoding> E ofId(E[] candidates, int id, String part) {
    for (E candidate : candidates) {
      if (candidate.id() == id) {
        return candidate;
      }
    }
    String known = Arrays.stream(candidates).map(c -> c.id() + " (" + c + ")").collect(Collectors.joining(", "));
    throw new MalformedPayloadException("unknown " + part + " encoding " + id + "; this worker reads " + known);
  }
}
