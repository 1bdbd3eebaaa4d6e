package io.dreamworker.worker.service;

import static io.dreamworker.worker.service.JobJson.caption;
import static io.dreamworker.worker.service.JobJson.draw;
import static io.dreamworker.worker.service.JobJson.inline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.CompletionEvent.Status;
import io.dreamworker.schemas.DeadLetter;
import io.dreamworker.worker.processing.ErrorCodes;
import io.dreamworker.worker.processing.FaultInjection;
import io.dreamworker.worker.service.WorkerTestStack.Topics;
import io.dreamworker.worker.stack.EmbeddedStack;
import io.dreamworker.worker.stack.WorkerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once completion against a real Kafka broker and S3 server: jobs whose worker is killed,
 * and poison jobs (that crash the worker, fail the engine, or hang), each end in exactly one
 * completion event as {@code read_committed} readers see them, and the poison ones in a dead letter.
 */
class WorkerExactlyOnceTest {
  /** Two attempts: a crashing job takes two workers down, then is given up. */
  private static final Map<String, String> TWO_ATTEMPTS = Map.of(
      "DREAMWORKER_JOBS_MAX_ATTEMPTS", "2",
      "DREAMWORKER_TESTING_FAULT_INJECTION", "true");
  /** How long a child worker may take to start (JVM, PyTorch, bundle) and run its first job. */
  private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(120);

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
  void jobThatCrashesEveryWorker_isGivenUpAfterItsAttempts_andTheOthersCompleteOnce() throws Exception {
    Topics topics = stack.topics("poison-crash");
    byte[] scene = ShapePngs.scene(3);
    // One partition, so the poison job is in the way of the others until it is given up.
    List<String> ids = IntStream.range(0, 4).mapToObj(i -> "ok-" + i).toList();
    stack.send(topics.jobs(), 0, "crasher", withFault(caption("crasher", inline(scene)), "crash")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (String id : ids) {
      stack.send(topics.jobs(), 0, id, caption(id, inline(scene)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    try (TopicTail events = stack.tail(topics.events()); TopicTail deadLetters = stack.tail(topics.deadLetters())) {
      // Each child runs the crasher and dies of it (exit 134), as a worker a native crash takes down.
      for (int attempt = 1; attempt <= 2; attempt++) {
        try (WorkerProcess child = startChild(topics, "it-crash-" + attempt)) {
          await().atMost(CHILD_TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> !child.isAlive());
          assertThat(child.exitStatus()).as(child.logTail()).hasValue(FaultInjection.CRASH_EXIT_STATUS);
        }
      }
      Map<String, List<CompletionEvent>> byJob;
      try (Worker survivor = stack.startWorker("it-crash-survivor", topics, TWO_ATTEMPTS, WorkerHooks.NONE)) {
        byJob = events.awaitEvents(concat(ids, "crasher"));
        assertThat(survivor.failure()).isEmpty();
        stack.awaitCommittedToEnd(topics);
      }

      assertThat(byJob).allSatisfy((id, list) -> assertThat(list).as("events of %s", id).hasSize(1));
      CompletionEvent.Result crasher = byJob.get("crasher").get(0).data();
      assertThat(crasher.status()).isEqualTo(Status.FAILED);
      assertThat(crasher.error()).hasValueSatisfying(e -> {
        assertThat(e.code()).isEqualTo(ErrorCodes.WORKERS_LOST);
        assertThat(e.message()).contains("2 workers");
      });
      assertThat(byJob.get("crasher").get(0).source()).isEqualTo("urn:dreamworker:worker:it-crash-survivor");
      for (String id : ids) {
        assertThat(byJob.get(id).get(0).data().status()).as(id).isEqualTo(Status.SUCCEEDED);
      }
      await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> !deadLetters.records().isEmpty());
      assertThat(deadLetters.records()).singleElement().satisfies(letter ->
          assertThat(TopicTail.header(letter, DeadLetter.HEADER_ERROR_CODE)).isEqualTo(ErrorCodes.WORKERS_LOST));
    }
  }

  @Test
  void engineFailureAndHang_areRetriedThenFailVisibly_eachWithOneEvent() throws Exception {
    Topics topics = stack.topics("poison-engine");
    byte[] scene = ShapePngs.scene(4);
    Map<String, String> settings = new HashMap<>(TWO_ATTEMPTS);
    settings.put("DREAMWORKER_JOBS_ATTEMPT_TIMEOUT", "2s");
    stack.send(topics.jobs(), "failer", withFault(caption("failer", inline(scene)), "engine_failure"));
    stack.send(topics.jobs(), "hanger", withFault(caption("hanger", inline(scene)), "hang"));
    stack.send(topics.jobs(), "fine", draw("fine", JobJson.STEPS));

    try (Telemetry telemetry = Telemetry.start(stack.config(topics, settings).http());
         Worker worker = stack.startWorker("it-engine", topics, settings, telemetry.hooks());
         TopicTail events = stack.tail(topics.events());
         TopicTail deadLetters = stack.tail(topics.deadLetters());
         MetricsScrape metrics = new MetricsScrape(telemetry)) {
      Map<String, List<CompletionEvent>> byJob = events.awaitEvents(List.of("failer", "hanger", "fine"));
      stack.awaitCommittedToEnd(topics);
      byJob = events.events();

      assertThat(byJob).allSatisfy((id, list) -> assertThat(list).as("events of %s", id).hasSize(1));
      assertThat(byJob.get("failer").get(0).data().error()).hasValueSatisfying(e -> {
        assertThat(e.code()).isEqualTo(ErrorCodes.ENGINE_FAILED);
        assertThat(e.message()).contains("attempt 2 of 2");
      });
      assertThat(byJob.get("hanger").get(0).data().error()).hasValueSatisfying(e ->
          assertThat(e.code()).isEqualTo(ErrorCodes.TIMED_OUT));
      assertThat(byJob.get("fine").get(0).data().status()).isEqualTo(Status.SUCCEEDED);
      await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> deadLetters.records().size() >= 2);
      assertThat(deadLetters.records()).extracting(r -> TopicTail.header(r, DeadLetter.HEADER_ERROR_CODE))
          .containsExactlyInAnyOrder(ErrorCodes.ENGINE_FAILED, ErrorCodes.TIMED_OUT);
      assertThat(metrics.value("dreamworker_job_retries_total")).isEqualTo(2.0);
      assertThat(metrics.value("dreamworker_jobs_abandoned_total{reason=\"timed_out\"}")).isEqualTo(1.0);
      assertThat(worker.failure()).isEmpty();
    }
  }

  @Test
  void takeover_skipsWhatTheKilledWorkerHadFinished_andPublishesNothingTwice() throws Exception {
    Topics topics = stack.topics("takeover");
    // One partition: a slow job at its head holds the committed offset while the quick ones behind
    // it finish; they are done per the commit metadata when the worker is killed.
    stack.send(topics.jobs(), 0, "slow", draw("slow", 400).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    byte[] scene = ShapePngs.scene(5);
    List<String> quick = IntStream.range(0, 6).mapToObj(i -> "quick-" + i).toList();
    for (String id : quick) {
      stack.send(topics.jobs(), 0, id, caption(id, inline(scene), 4).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    try (TopicTail events = stack.tail(topics.events())) {
      try (WorkerProcess child = startChild(topics, "it-takeover-first")) {
        await().atMost(CHILD_TIMEOUT).pollInSameThread().pollInterval(Duration.ofMillis(50)).until(() -> {
          if (!child.isAlive()) {
            throw new AssertionError("the child worker stopped on its own: " + child.logTail());
          }
          return events.hasEventsFor(quick);
        });
        assertThat(events.events()).doesNotContainKey("slow");
        child.kill();
      }
      AtomicReference<Map<String, List<CompletionEvent>>> all = new AtomicReference<>();
      try (Telemetry telemetry = Telemetry.start(stack.config(topics, Map.of()).http());
           Worker next = stack.startWorker("it-takeover-next", topics, Map.of(), telemetry.hooks());
           MetricsScrape metrics = new MetricsScrape(telemetry)) {
        all.set(events.awaitEvents(concat(quick, "slow")));
        stack.awaitCommittedToEnd(topics);
        assertThat(metrics.value("dreamworker_records_skipped_total")).as("quick jobs skipped as done")
            .isEqualTo(quick.size());
        assertThat(next.failure()).isEmpty();
      }
      Map<String, List<CompletionEvent>> byJob = events.events();
      assertThat(byJob).allSatisfy((id, list) -> assertThat(list).as("events of %s", id).hasSize(1));
      assertThat(byJob.get("slow").get(0).source()).isEqualTo("urn:dreamworker:worker:it-takeover-next");
      assertThat(quick).allSatisfy(id -> assertThat(byJob.get(id).get(0).source())
          .isEqualTo("urn:dreamworker:worker:it-takeover-first"));
    }
  }

  private static String withFault(String job, String fault) {
    return job.substring(0, job.lastIndexOf('}')) + ", \"metadata\": {\"" + FaultInjection.METADATA_KEY + "\": \""
        + fault + "\"}}";
  }

  private static List<String> concat(List<String> ids, String more) {
    return java.util.stream.Stream.concat(ids.stream(), java.util.stream.Stream.of(more)).toList();
  }

  /** A worker in a child JVM, configured like the in-process ones plus fault injection, two attempts. */
  private static WorkerProcess startChild(Topics topics, String workerId) {
    EmbeddedStack.Addresses a = stack.stack().addresses();
    Map<String, String> env = new HashMap<>(stack.environment(topics, TWO_ATTEMPTS));
    env.put("AWS_ACCESS_KEY_ID", a.s3AccessKeyId());
    env.put("AWS_SECRET_ACCESS_KEY", a.s3SecretAccessKey());
    env.put("DREAMWORKER_LOG_FORMAT", "text");
    return WorkerProcess.start(workerId, env, List.of("-Xmx1g", "-XX:TieredStopAtLevel=1"),
        WorkerProcess.thisClasspath(), dir.resolve(workerId + ".log"));
  }
}
