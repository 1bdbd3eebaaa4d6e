package io.dreamworker.worker.service;

import static io.dreamworker.worker.service.JobJson.caption;
import static io.dreamworker.worker.service.JobJson.draw;
import static io.dreamworker.worker.service.JobJson.inline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.CompletionEvent.Status;
import io.dreamworker.worker.ingest.LoopObserver;
import io.dreamworker.worker.service.WorkerTestStack.Topics;
import io.dreamworker.worker.stack.EmbeddedStack;
import io.dreamworker.worker.stack.WorkerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers of one consumer group against a real Kafka broker and S3 server: when a worker dies
 * (SIGKILL, mid-batch) or leaves, the group hands its partitions to another, which redoes or
 * finishes their jobs. Delivery is exactly once: every job gets one succeeded event, as
 * {@code read_committed} readers see them.
 */
class WorkerGroupTest {
  /**
   * Denoising steps of the crash test's jobs: with two in flight at a time, a pair takes about half
   * a second, which leaves the test ample time to kill the worker after the first event and
   * before the last.
   */
  private static final int STEPS = 20;
  /** Tokens of the captions of the leaving test: short, but several per partition to hand over. */
  private static final int CAPTION_TOKENS = 4;
  /** How long the child worker may take to start (JVM, PyTorch, bundle) and finish its first job. */
  private static final Duration CHILD_FIRST_EVENT_TIMEOUT = Duration.ofSeconds(120);

  @TempDir static Path dir;
  static WorkerTestStack stack;

  @BeforeAll
  static void startStack() {
    stack = WorkerTestStack.start(dir);
  }

  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void workerKilledMidBatch_aRestartedWorkerInTheGroupCompletesEveryJob() throws Exception {
    Topics topics = stack.topics("crash");
    List<String> ids = IntStream.range(0, 6).mapToObj(i -> "crash-" + i).toList();
    for (String id : ids) {
      stack.send(topics.jobs(), id, draw(id, STEPS).getBytes(StandardCharsets.UTF_8));
    }
    Map<String, List<CompletionEvent>> beforeKill;
    try (WorkerProcess child = WorkerProcess.start("it-child", childEnvironment(topics,
             Map.of("DREAMWORKER_KAFKA_MAX_IN_FLIGHT", "2")), List.of("-Xmx1g", "-XX:TieredStopAtLevel=1"),
             WorkerProcess.thisClasspath(), dir.resolve("child-worker.log"));
         TopicTail events = stack.tail(topics.events())) {
      await().atMost(CHILD_FIRST_EVENT_TIMEOUT).pollInSameThread().pollInterval(Duration.ofMillis(20)).until(() -> {
        if (!child.isAlive()) {
          throw new AssertionError("the child worker stopped on its own: " + child.logTail());
        }
        return !events.events().isEmpty();
      });
      child.kill();
      beforeKill = events.events();
      assertThat(beforeKill.size()).as("jobs done when the worker was killed").isBetween(1, ids.size() - 1);
      assertThat(beforeKill.values()).allSatisfy(list -> assertThat(list.get(0).source())
          .isEqualTo("urn:dreamworker:worker:it-child"));

      try (Worker restarted = stack.startWorker("it-restarted", topics, Map.of(), WorkerHooks.NONE)) {
        events.awaitEvents(ids);
        stack.awaitCommittedToEnd(topics);
        Map<String, List<CompletionEvent>> byJob = events.events();

        for (String id : ids) {
          List<CompletionEvent> all = byJob.get(id);
          assertThat(all).as("events of %s", id).hasSize(1);
          assertThat(all.get(0).data().status()).isEqualTo(Status.SUCCEEDED);
          assertThat(all.get(0).data().outputs().images()).hasSize(1);
          assertThat(ShapePngs.decode(stack.get(all.get(0).data().outputs().images().get(0)).asByteArray()).getWidth())
              .isPositive();
        }
        assertThat(byJob.values()).flatExtracting(list -> list).extracting(CompletionEvent::source)
            .contains("urn:dreamworker:worker:it-restarted");
        assertThat(restarted.failure()).isEmpty();
      }
    }
  }

  @Test
  void workerLeavingTheGroup_theOtherTakesItsPartitionsAndFinishesTheirJobs() throws Exception {
    Topics topics = stack.topics("pair");
    Assignments ownedByA = new Assignments();
    Assignments ownedByB = new Assignments();
    // One job at a time each, so that the partitions still hold jobs when the first worker leaves.
    Map<String, String> oneAtATime = Map.of("DREAMWORKER_KAFKA_MAX_IN_FLIGHT", "1");
    byte[] scene = ShapePngs.scene(9);

    try (Worker b = stack.startWorker("it-pair-b", topics, oneAtATime, WorkerHooks.NONE.withLoop(ownedByB));
         TopicTail events = stack.tail(topics.events())) {
      Map<String, Integer> partitionOf = new HashMap<>();
      try (Worker a = stack.startWorker("it-pair-a", topics, oneAtATime,
          WorkerHooks.NONE.withLoop(ownedByA))) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !ownedByA.current().isEmpty() && !ownedByB.current().isEmpty());
        for (int i = 0; i < 4 * WorkerTestStack.JOBS_PARTITIONS; i++) {
          String id = "pair-" + i;
          int partition = i % WorkerTestStack.JOBS_PARTITIONS;
          partitionOf.put(id, partition);
          stack.send(topics.jobs(), partition, id, caption(id, inline(scene), CAPTION_TOKENS)
              .getBytes(StandardCharsets.UTF_8));
        }
        // A leaves after its first job: one job at a time, it has done at most two of each of its
        // partitions' four when it is gone.
        await().atMost(JobJson.EVENT_TIMEOUT).pollInSameThread()
            .until(() -> sources(events.events()).contains("urn:dreamworker:worker:it-pair-a"));
      }
      Map<String, List<CompletionEvent>> byJob = events.awaitEvents(partitionOf.keySet());

      assertThat(byJob.values()).allSatisfy(list -> assertThat(list).allSatisfy(event ->
          assertThat(event.data().status()).isEqualTo(Status.SUCCEEDED)));
      assertThat(sources(byJob)).as("the workers that did the jobs")
          .containsExactlyInAnyOrder("urn:dreamworker:worker:it-pair-a", "urn:dreamworker:worker:it-pair-b");
      assertThat(ownedByA.current()).as("A's partitions after it left").isEmpty();
      await().atMost(Duration.ofSeconds(30)).until(() -> ownedByB.current().size() == WorkerTestStack.JOBS_PARTITIONS);
      // Jobs of a partition that A owned when it left were finished by B.
      Set<Integer> leftByA = ownedByA.lastNonEmpty().stream().map(TopicPartition::partition)
          .collect(Collectors.toSet());
      assertThat(byJob.entrySet()).anySatisfy(job -> {
        assertThat(leftByA).contains(partitionOf.get(job.getKey()));
        assertThat(job.getValue().get(0).source()).isEqualTo("urn:dreamworker:worker:it-pair-b");
      });
      assertThat(b.failure()).isEmpty();
      stack.awaitCommittedToEnd(topics);
    }
  }

  /** A worker's partitions as its loop reports them, and the last non-empty set (what it held before leaving). */
  private static final class Assignments implements LoopObserver {
    private final AtomicReference<Set<TopicPartition>> current = new AtomicReference<>(Set.of());
    private final AtomicReference<Set<TopicPartition>> lastNonEmpty = new AtomicReference<>(Set.of());

    @Override
    public void assignmentChanged(Set<TopicPartition> assigned) {
      current.set(assigned);
      if (!assigned.isEmpty()) {
        lastNonEmpty.set(assigned);
      }
    }

    Set<TopicPartition> current() {
      return current.get();
    }

    Set<TopicPartition> lastNonEmpty() {
      return lastNonEmpty.get();
    }
  }

  private static Set<String> sources(Map<String, List<CompletionEvent>> events) {
    Set<String> sources = new HashSet<>();
    events.values().forEach(list -> list.forEach(event -> sources.add(event.source())));
    return sources;
  }

  /** The child worker's environment: the worker's configuration as a container would have it. */
  private static Map<String, String> childEnvironment(Topics topics, Map<String, String> overrides) {
    EmbeddedStack.Addresses a = stack.stack().addresses();
    Map<String, String> env = new HashMap<>(stack.environment(topics, overrides));
    env.put("AWS_ACCESS_KEY_ID", a.s3AccessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", a.s3SecretAccessKey());
    env.put("DREAMWORKER_LOG_FORMAT", "text");
    return env;
  }
}
