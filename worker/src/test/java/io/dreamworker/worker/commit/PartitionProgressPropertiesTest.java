package io.dreamworker.worker.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dreamworker.worker.commit.PartitionProgress.Admission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The out-of-order offset tracking as a whole: whatever order records finish in, wherever a worker
 * dies, and however the commit metadata is encoded, every record is published exactly once across
 * the worker that died and the one that takes its partition over.
 */
class PartitionProgressPropertiesTest {
  private static final OffsetMetadataCodec CODEC = new OffsetMetadataCodec();
  private static final int MAX_ATTEMPTS = 3;

  /** The position never passes an unfinished record, never goes back, and ends past the last record. */
  @Property
  void anyCompletionOrder_neverCommitsPastAnUnfinishedRecord(@ForAll @IntRange(min = 1, max = 200) int count,
      @ForAll long seed) {
    Random random = new Random(seed);
    PartitionProgress progress = PartitionProgress.fresh(100, MAX_ATTEMPTS);
    List<Long> received = receiveWithGaps(progress, 100, count, random);
    List<Long> order = new ArrayList<>(received);
    Collections.shuffle(order, random);
    TreeSet<Long> unfinished = new TreeSet<>(received);
    long previous = progress.position();
    for (long done : order) {
      progress.completed(done);
      unfinished.remove(done);
      long position = progress.position();
      assertThat(position).isGreaterThanOrEqualTo(previous);
      if (!unfinished.isEmpty()) {
        assertThat(position).isEqualTo(unfinished.first());
      }
      assertThat(progress.commitPoint().above().incompleteCount()).isEqualTo(unfinished.size());
      previous = position;
    }
    assertThat(progress.position()).isEqualTo(received.get(received.size() - 1) + 1);
  }

  /**
   * A worker runs a partition, finishing records in any order and committing now and then (each
   * commit publishes what finished since the last one); it dies at any point. The next owner resumes
   * from the last commit's position and decoded metadata and runs what it is handed. Every record is
   * then published exactly once, and the records that were running when the first worker died run
   * as their second attempt.
   */
  @Property
  void anyCrashPoint_theNextOwnerPublishesExactlyWhatTheFirstDidNot(
      @ForAll @IntRange(min = 1, max = 150) int count, @ForAll @IntRange(min = 0, max = 400) int crashAfter,
      @ForAll long seed) {
    Random random = new Random(seed);
    PartitionProgress first = PartitionProgress.fresh(0, MAX_ATTEMPTS);
    List<Long> records = receiveWithGaps(first, 0, count, random);
    Set<Long> publishedByFirst = new HashSet<>();
    Set<Long> finishedSinceCommit = new HashSet<>();
    CommitPoint lastCommit = first.committed();
    List<Long> running = new ArrayList<>(records);
    Collections.shuffle(running, random);
    for (int step = 0; step < crashAfter && !running.isEmpty(); step++) {
      if (random.nextInt(3) == 0) {
        // A commit: what finished is published together with the metadata that says so.
        lastCommit = first.commitPoint();
        first.markCommitted(lastCommit);
        publishedByFirst.addAll(finishedSinceCommit);
        finishedSinceCommit.clear();
      } else {
        long done = running.remove(running.size() - 1);
        first.completed(done);
        finishedSinceCommit.add(done);
      }
    }
    // The first worker dies: only lastCommit survives, through the metadata string.
    String metadata = CODEC.encode(lastCommit.above(), Integer.MAX_VALUE);
    IncompleteOffsets inherited = ((DecodedMetadata.Valid) decodeOrNone(metadata)).offsets();
    assertThat(inherited).isEqualTo(lastCommit.above());

    PartitionProgress second = PartitionProgress.resume(lastCommit.position(), inherited, MAX_ATTEMPTS);
    Set<Long> publishedBySecond = new HashSet<>();
    for (long offset : records) {
      if (offset < lastCommit.position()) {
        continue; // The consumer starts fetching at the committed position.
      }
      switch (second.start(offset)) {
        case Admission.AlreadyDone done -> { }
        case Admission.Run run -> {
          assertThat(run.attempt()).isEqualTo(lastCommit.above().isDone(offset - lastCommit.position())
              || offset - lastCommit.position() >= lastCommit.above().span() ? 1 : 2);
          second.completed(offset);
          publishedBySecond.add(offset);
        }
        case Admission.Exhausted exhausted -> throw new AssertionError("one death does not exhaust " + offset);
      }
    }
    assertThat(publishedByFirst).doesNotContainAnyElementsOf(publishedBySecond);
    Set<Long> all = new HashSet<>(publishedByFirst);
    all.addAll(publishedBySecond);
    assertThat(all).containsExactlyInAnyOrderElementsOf(records);
  }

  /**
   * The bound the consumer loop admits records by holds for every later state: once the bound of a
   * state fits, no state reached by completing its records in any order needs a longer string.
   */
  @Property
  void lengthBound_isNeverExceededAsRecordsFinishInAnyOrder(@ForAll @IntRange(min = 1, max = 300) int count,
      @ForAll long seed) {
    Random random = new Random(seed);
    PartitionProgress progress = PartitionProgress.fresh(0, MAX_ATTEMPTS);
    List<Long> received = receiveWithGaps(progress, 0, count, random);
    int bound = CODEC.lengthBound(progress.commitPoint().above());
    List<Long> order = new ArrayList<>(received);
    Collections.shuffle(order, random);
    for (long done : order) {
      if (random.nextInt(4) == 0) {
        // A failed attempt, started again: its attempt count grows by one.
        progress.failed(done);
        progress.start(done);
      }
      progress.completed(done);
      IncompleteOffsets above = progress.commitPoint().above();
      assertThat(CODEC.encodedLength(above)).isLessThanOrEqualTo(CODEC.lengthBound(above));
      assertThat(CODEC.lengthBound(above)).isLessThanOrEqualTo(bound);
    }
  }

  private static DecodedMetadata decodeOrNone(String metadata) {
    DecodedMetadata decoded = CODEC.decode(metadata);
    return decoded instanceof DecodedMetadata.None ? new DecodedMetadata.Valid(IncompleteOffsets.NONE) : decoded;
  }

  /** Receives {@code count} records from {@code start} on, with gaps (markers, compaction) between some. */
  private static List<Long> receiveWithGaps(PartitionProgress progress, long start, int count, Random random) {
    List<Long> received = new ArrayList<>();
    long offset = start;
    for (int i = 0; i < count; i++) {
      offset += random.nextInt(10) == 0 ? 1 + random.nextInt(50) : 1;
      assertThat(progress.start(offset)).isEqualTo(new Admission.Run(1));
      received.add(offset);
    }
    return received;
  }
}
