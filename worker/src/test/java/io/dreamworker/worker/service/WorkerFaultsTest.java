package io.dreamworker.worker.service;

import static io.dreamworker.worker.service.JobJson.caption;
import static io.dreamworker.worker.service.JobJson.draw;
import static io.dreamworker.worker.service.JobJson.inline;
import static io.dreamworker.worker.service.JobJson.s3;
import static io.dreamworker.worker.service.WorkerTestStack.INPUT_BUCKET;
import static io.dreamworker.worker.service.WorkerTestStack.OUTPUT_BUCKET;
import static io.dreamworker.worker.service.WorkerTestStack.OUTPUT_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.CompletionEvent.Status;
import io.dreamworker.schemas.DeadLetter;
import io.dreamworker.worker.service.WorkerTestStack.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker when S3 fails under it, against a real Kafka broker and a real S3 server that the
 * tests kill ({@link io.dreamworker.worker.stack.S3Server#stop()}) and bring back: a brief outage is
 * ridden out by the retries, a lasting one fails the jobs visibly (failed event, dead letter,
 * committed offset) while the worker goes on consuming.
 */
class WorkerFaultsTest {
  /** About 15 s of retries per request: they outlast a restart of the S3 server (a second or a few). */
  private static final Map<String, String> PATIENT = Map.of(
      "DREAMWORKER_S3_RETRY_MAX_ATTEMPTS", "20",
      "DREAMWORKER_S3_RETRY_INITIAL_BACKOFF", "100ms",
      "DREAMWORKER_S3_RETRY_MAX_BACKOFF", "1s");
  /** Retries that give up within a fraction of a second. */
  private static final Map<String, String> IMPATIENT = Map.of(
      "DREAMWORKER_S3_RETRY_MAX_ATTEMPTS", "2",
      "DREAMWORKER_S3_RETRY_INITIAL_BACKOFF", "10ms",
      "DREAMWORKER_S3_RETRY_MAX_BACKOFF", "20ms");

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

  /** A test that took S3 down leaves it up for the next. */
  @AfterEach
  void s3Running() {
    if (!stack.stack().s3().isRunning()) {
      stack.stack().s3().start();
    }
  }

  @Test
  void s3DownBriefly_jobsWaitForItAndSucceed_andTheMetricsCountTheRetries() throws Exception {
    Topics topics = stack.topics("outage");
    String input = stack.put(INPUT_BUCKET, "outage/scene.png", ShapePngs.scene(7), "image/png");
    List<String> ids = List.of("outage-draw-1", "outage-draw-2", "outage-caption");

    try (Telemetry telemetry = Telemetry.start(stack.config(topics, PATIENT).http());
         Worker worker = stack.startWorker("it-outage", topics, PATIENT, telemetry.hooks());
         TopicTail events = stack.tail(topics.events());
         MetricsScrape metrics = new MetricsScrape(telemetry)) {
      stack.stack().s3().stop();
      for (String id : ids.subList(0, 2)) {
        stack.send(topics.jobs(), id, draw(id, JobJson.STEPS));
      }
      // The drawings' writes meet the outage once the images are made; the caption's read is sent
      // then, so that its retries start when theirs do whatever the time the drawings took.
      await().atMost(JobJson.EVENT_TIMEOUT)
          .until(() -> metrics.value("dreamworker_s3_retries_total{operation=\"put\"}") > 0);
      stack.send(topics.jobs(), "outage-caption", caption("outage-caption", s3(input)));
      await().atMost(JobJson.EVENT_TIMEOUT)
          .until(() -> metrics.value("dreamworker_s3_retries_total{operation=\"get\"}") > 0);
      assertThat(events.events()).isEmpty();
      stack.stack().s3().start();

      Map<String, List<CompletionEvent>> byJob = events.awaitEvents(ids);

      for (String id : ids) {
        assertThat(byJob.get(id).get(0).data().status()).as("status of %s: %s", id, byJob.get(id).get(0).data().error())
            .isEqualTo(Status.SUCCEEDED);
      }
      for (String id : ids.subList(0, 2)) {
        String image = "s3://" + OUTPUT_BUCKET + "/" + OUTPUT_PREFIX + "/" + id + "/img-0.png";
        assertThat(byJob.get(id).get(0).data().outputs().images()).containsExactly(image);
        assertThat(ShapePngs.decode(stack.get(image).asByteArray()).getWidth()).isPositive();
      }
      assertThat(metrics.value("dreamworker_jobs_total{status=\"succeeded\",type=\"text_to_image\"}"))
          .isEqualTo(2.0);
      assertThat(metrics.value("dreamworker_jobs_total{status=\"failed\",type=\"text_to_image\"}"))
          .isZero();
      assertThat(worker.failure()).isEmpty();
      stack.awaitCommittedToEnd(topics);
    }
  }

  @Test
  void s3DownForGood_jobsFailWithADeadLetterAndACommittedOffset_andTheWorkerGoesOn() {
    Topics topics = stack.topics("lost");
    byte[] scene = ShapePngs.scene(8);

    try (Worker worker = stack.startWorker("it-lost", topics, IMPATIENT, WorkerHooks.NONE);
         TopicTail events = stack.tail(topics.events());
         TopicTail deadLetters = stack.tail(topics.deadLetters())) {
      stack.stack().s3().stop();
      RecordMetadata write = stack.send(topics.jobs(), "lost-draw", draw("lost-draw", JobJson.STEPS));
      RecordMetadata read = stack.send(topics.jobs(), "lost-caption",
          caption("lost-caption", s3("s3://" + INPUT_BUCKET + "/lost/scene.png")));
      // Needs no S3: the worker still serves what it can.
      stack.send(topics.jobs(), "inline-while-down", caption("inline-while-down", inline(scene)));

      Map<String, List<CompletionEvent>> byJob =
          events.awaitEvents(List.of("lost-draw", "lost-caption", "inline-while-down"));

      CompletionEvent.Result drawn = byJob.get("lost-draw").get(0).data();
      assertThat(drawn.status()).isEqualTo(Status.FAILED);
      assertThat(drawn.outputs().isEmpty()).isTrue();
      assertThat(drawn.error()).hasValueSatisfying(error -> {
        assertThat(error.code()).isEqualTo("OUTPUT_WRITE_FAILED");
        assertThat(error.message()).contains("bucket " + OUTPUT_BUCKET, "lost-draw", "after 2 attempts");
      });
      CompletionEvent.Result caption = byJob.get("lost-caption").get(0).data();
      assertThat(caption.status()).isEqualTo(Status.FAILED);
      assertThat(caption.error()).hasValueSatisfying(error -> {
        assertThat(error.code()).isEqualTo("INPUT_FETCH_FAILED");
        assertThat(error.message()).contains("s3://" + INPUT_BUCKET + "/lost/scene.png", "after 2 attempts");
      });
      assertThat(byJob.get("inline-while-down").get(0).data().status()).isEqualTo(Status.SUCCEEDED);

      await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> deadLetters.records().size() >= 2);
      List<ConsumerRecord<byte[], byte[]>> letters = deadLetters.records();
      assertThat(letters).extracting(r -> TopicTail.header(r, DeadLetter.HEADER_ERROR_CODE))
          .containsExactlyInAnyOrder("OUTPUT_WRITE_FAILED", "INPUT_FETCH_FAILED");
      assertThat(letters).extracting(r -> TopicTail.header(r, DeadLetter.HEADER_ORIGINAL_PARTITION) + "@"
              + TopicTail.header(r, DeadLetter.HEADER_ORIGINAL_OFFSET))
          .containsExactlyInAnyOrder(write.partition() + "@" + write.offset(), read.partition() + "@" + read.offset());
      // The failures were published, so their records are done with: nothing is silently lost.
      stack.awaitCommittedToEnd(topics);

      stack.stack().s3().start();
      stack.send(topics.jobs(), "after-outage", draw("after-outage", JobJson.STEPS));
      CompletionEvent.Result after = events.awaitEvents(List.of("after-outage")).get("after-outage").get(0).data();
      assertThat(after.status()).as("after the outage: %s", after.error()).isEqualTo(Status.SUCCEEDED);
      assertThat(stack.get(after.outputs().images().get(0)).response().contentType()).isEqualTo("image/png");
      assertThat(worker.failure()).isEmpty();
      stack.awaitCommittedToEnd(topics);
    }
  }
}
