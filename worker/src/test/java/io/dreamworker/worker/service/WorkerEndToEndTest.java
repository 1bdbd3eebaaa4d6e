package io.dreamworker.worker.service;

import static io.dreamworker.worker.service.JobJson.EVENT_TIMEOUT;
import static io.dreamworker.worker.service.JobJson.MAX_NEW_TOKENS;
import static io.dreamworker.worker.service.JobJson.STEPS;
import static io.dreamworker.worker.service.JobJson.caption;
import static io.dreamworker.worker.service.JobJson.inline;
import static io.dreamworker.worker.service.JobJson.s3;
import static io.dreamworker.worker.service.WorkerTestStack.INPUT_BUCKET;
import static io.dreamworker.worker.service.WorkerTestStack.OUTPUT_BUCKET;
import static io.dreamworker.worker.service.WorkerTestStack.OUTPUT_PREFIX;
import static io.dreamworker.worker.service.WorkerTestStack.PRIVATE_BUCKET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.CompletionEvent.Status;
import io.dreamworker.schemas.DeadLetter;
import io.dreamworker.schemas.EventCodec;
import io.dreamworker.worker.ingest.LoopObserver;
import io.dreamworker.worker.service.WorkerTestStack.Topics;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The worker against a real Kafka broker and S3 server, checked the way a user would: jobs go in
 * as records, and what comes out is a completion event per record, outputs in S3, dead letters for
 * what went wrong, and the group's committed offsets. One stack for the class; each test has its
 * own topics, group and worker.
 */
class WorkerEndToEndTest {
  /** The examples' input bucket (s3://dreamworker-inputs/shapes/...). */
  private static final String EXAMPLES_BUCKET = "dreamworker-inputs";
  /** The limit of the bad-input test, so that an oversized image is small. */
  private static final int MAX_INPUT_IMAGE_BYTES = 16 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EventCodec EVENTS = new EventCodec();

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
  void everyJobKind_succeedsWithItsEventItsOutputsInS3AndItsOffsetCommitted() throws IOException {
    Topics topics = stack.topics("kinds");
    String input = stack.put(INPUT_BUCKET, "kinds/scene-1.png", ShapePngs.scene(1), "image/png");
    Instant start = Instant.now();
    try (Worker worker = stack.startWorker("it-kinds", topics, Map.of(), WorkerHooks.NONE);
         TopicTail events = stack.tail(topics.events())) {
      // Written out as a client would, every kind with a few optional fields.
      Map<String, RecordMetadata> sent = new LinkedHashMap<>();
      sent.put("caption-s3", stack.send(topics.jobs(), "caption-s3", """
          {"job_id": "caption-s3", "type": "caption", "image": {"s3_uri": "%s"},
           "text": {"max_new_tokens": %d}, "metadata": {"client": "it", "case": "s3"}}"""
          .formatted(input, MAX_NEW_TOKENS)));
      sent.put("caption-inline", stack.send(topics.jobs(), "caption-inline", """
          {"job_id": "caption-inline", "type": "caption", "image": {"base64": "%s"},
           "instruction": "describe the image.", "text": {"max_new_tokens": %d, "temperature": 0.7, "seed": 3}}"""
          .formatted(ShapePngs.base64(ShapePngs.scene(2)), MAX_NEW_TOKENS)));
      sent.put("draw-1", stack.send(topics.jobs(), "draw-1", """
          {"job_id": "draw-1", "type": "interleaved", "prompt": "draw a red circle.", "max_images": 1,
           "image": {"steps": %d, "seed": 5}, "output_prefix": "tenants/acme", "metadata": {"campaign": "winter"}}"""
          .formatted(STEPS)));
      sent.put("story-1", stack.send(topics.jobs(), "story-1", """
          {"job_id": "story-1", "type": "interleaved", "prompt": "Here is a shape: <image> Tell a story about it.",
           "images": [{"base64": "%s"}], "max_images": 2, "text": {"max_new_tokens": %d},
           "image": {"steps": %d, "scheduler": "ddim"}}"""
          .formatted(ShapePngs.base64(ShapePngs.scene(3)), MAX_NEW_TOKENS, STEPS)));

      Map<String, List<CompletionEvent>> byJob = events.awaitEvents(sent.keySet());
      Instant end = Instant.now();

      assertThat(worker.failure()).isEmpty();
      for (Map.Entry<String, RecordMetadata> job : sent.entrySet()) {
        String id = job.getKey();
        RecordMetadata record = job.getValue();
        assertThat(byJob.get(id)).as("events of %s", id).hasSize(1);
        CompletionEvent event = byJob.get(id).get(0);
        assertThat(event.data().status()).as("status of %s: %s", id, event.data().error()).isEqualTo(Status.SUCCEEDED);
        assertThat(event.id()).isEqualTo(id + "@" + topics.jobs() + "-" + record.partition() + "-" + record.offset());
        assertThat(event.source()).isEqualTo("urn:dreamworker:worker:it-kinds");
        assertThat(event.time()).isBetween(start, end);
        assertThat(event.data().bundle()).isEqualTo(new CompletionEvent.Bundle("random-tiny", "seed-" + WorkerTestStack.BUNDLE_SEED));
        assertThat(event.data().timings().totalMs()).isGreaterThanOrEqualTo(event.data().timings().queuedMs());
        assertThat(event.data().timings().stages()).containsKeys("fetch", "engine_queue");
        JsonNode raw = rawEvent(events, id);
        assertThat(raw.path("specversion").asText()).isEqualTo("1.0");
        assertThat(raw.path("type").asText()).isEqualTo("io.dreamworker.job.completed");
        assertThat(raw.path("subject").asText()).isEqualTo(id);
        assertThat(raw.path("datacontenttype").asText()).isEqualTo("application/json");
      }

      for (String caption : List.of("caption-s3", "caption-inline")) {
        CompletionEvent.Result result = byJob.get(caption).get(0).data();
        assertThat(result.caption()).as("caption of %s", caption).isPresent();
        assertThat(result.outputs().isEmpty()).isTrue();
        assertThat(result.timings().stages()).containsKeys("vision", "prefill", "decode");
      }
      assertThat(byJob.get("caption-s3").get(0).data().metadata()).isEqualTo(Map.of("client", "it", "case", "s3"));
      assertThat(byJob.get("caption-inline").get(0).data().metadata()).isEmpty();

      CompletionEvent.Result drawn = byJob.get("draw-1").get(0).data();
      String base = "s3://" + OUTPUT_BUCKET + "/tenants/acme/draw-1/";
      assertThat(drawn.outputs()).isEqualTo(new CompletionEvent.Outputs(Optional.of(base + "document.json"),
          List.of(base + "img-0.png"), Optional.of(base + "document.md")));
      assertThat(drawn.caption()).isEmpty();
      assertThat(drawn.metadata()).isEqualTo(Map.of("campaign", "winter"));
      assertThat(drawn.timings().stages()).containsKeys("diffusion", "vae_decode", "upload");
      ResponseBytes<GetObjectResponse> image = stack.get(base + "img-0.png");
      assertThat(image.response().contentType()).isEqualTo("image/png");
      BufferedImage decoded = ShapePngs.decode(image.asByteArray());
      assertThat(decoded.getWidth()).isEqualTo(BundlePreset.TINY.imageSize());
      assertThat(decoded.getHeight()).isEqualTo(BundlePreset.TINY.imageSize());
      ResponseBytes<GetObjectResponse> document = stack.get(base + "document.json");
      assertThat(document.response().contentType()).isEqualTo("application/json");
      JsonNode documentJson = JSON.readTree(document.asByteArray());
      assertThat(documentJson.path("job_id").asText()).isEqualTo("draw-1");
      assertThat(documentJson.at("/bundle/version").asText()).isEqualTo("seed-" + WorkerTestStack.BUNDLE_SEED);
      assertThat(imageUris(documentJson)).containsExactly(base + "img-0.png");
      ResponseBytes<GetObjectResponse> markdown = stack.get(base + "document.md");
      assertThat(markdown.response().contentType()).isEqualTo("text/markdown; charset=utf-8");
      assertThat(markdown.asUtf8String()).contains("![image 0](img-0.png)");
      assertThat(stack.outputKeys("tenants/acme/draw-1/")).containsExactly(
          "tenants/acme/draw-1/document.json", "tenants/acme/draw-1/document.md", "tenants/acme/draw-1/img-0.png");

      CompletionEvent.Result story = byJob.get("story-1").get(0).data();
      String storyBase = "s3://" + OUTPUT_BUCKET + "/" + OUTPUT_PREFIX + "/story-1/";
      assertThat(story.outputs().document()).contains(storyBase + "document.json");
      assertThat(story.outputs().markdown()).contains(storyBase + "document.md");
      assertThat(story.outputs().images()).hasSizeLessThanOrEqualTo(2);
      JsonNode storyJson = JSON.readTree(stack.get(storyBase + "document.json").asByteArray());
      assertThat(imageUris(storyJson)).isEqualTo(story.outputs().images());
      for (String uri : story.outputs().images()) {
        assertThat(ShapePngs.decode(stack.get(uri).asByteArray()).getWidth()).isEqualTo(BundlePreset.TINY.imageSize());
      }
      assertThat(stack.get(storyBase + "document.md").response().contentType()).isEqualTo("text/markdown; charset=utf-8");

      stack.awaitCommittedToEnd(topics);
    }
  }

  @Test
  void schemaExamples_sentAsTextByAPlainKafkaProducer_succeedWithTheirOutputs() throws IOException {
    Topics topics = stack.topics("examples");
    // The examples read s3://dreamworker-inputs/shapes/{red-circle,blue-square}.png: make them exist
    // and let this worker read that bucket, so that the files are sent exactly as they are.
    stack.stack().s3().createBucket(EXAMPLES_BUCKET);
    stack.put(EXAMPLES_BUCKET, "shapes/red-circle.png", ShapePngs.shape(Color.RED, true), "image/png");
    stack.put(EXAMPLES_BUCKET, "shapes/blue-square.png", ShapePngs.shape(Color.BLUE, false), "image/png");
    // The examples ask for up to 256 tokens, 50 denoising steps and 256-pixel images, minutes on a
    // CPU: they go with those cost knobs lowered and every other field as written.
    Map<String, String> examples = new LinkedHashMap<>();
    for (String file : List.of("caption-job.json", "caption-job-minimal-base64.json", "interleaved-job.json",
        "text-to-image-job.json")) {
      String json = cheaper(example(file));
      examples.put(JSON.readTree(json).path("job_id").asText(), json);
    }
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.stack().addresses().kafkaBootstrapServers());

    try (Worker worker = stack.startWorker("it-examples", topics,
             Map.of("DREAMWORKER_S3_ALLOWED_INPUT_BUCKETS", EXAMPLES_BUCKET), WorkerHooks.NONE);
         TopicTail events = stack.tail(topics.events());
         KafkaProducer<String, String> plain = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      examples.forEach((id, json) -> plain.send(new ProducerRecord<>(topics.jobs(), id, json)));
      plain.flush();

      Map<String, List<CompletionEvent>> byJob = events.awaitEvents(examples.keySet());

      assertThat(byJob.keySet()).containsExactlyInAnyOrder("cap-2026-11-26.0001", "cap-inline-1", "story_17", "t2i-0001");
      byJob.forEach((id, list) -> assertThat(list.get(0).data().status())
          .as("status of %s: %s", id, list.get(0).data().error()).isEqualTo(Status.SUCCEEDED));
      CompletionEvent.Result caption = byJob.get("cap-2026-11-26.0001").get(0).data();
      assertThat(caption.caption()).isPresent();
      assertThat(caption.metadata()).isEqualTo(Map.of("request", "r-42", "client", "web"));
      assertThat(byJob.get("cap-inline-1").get(0).data().caption()).isPresent();

      String t2i = "s3://" + OUTPUT_BUCKET + "/" + OUTPUT_PREFIX + "/t2i-0001/";
      assertThat(byJob.get("t2i-0001").get(0).data().outputs().images()).containsExactly(t2i + "img-0.png");
      assertThat(stack.get(t2i + "img-0.png").response().contentType()).isEqualTo("image/png");
      assertThat(JSON.readTree(stack.get(t2i + "document.json").asByteArray()).path("job_id").asText())
          .isEqualTo("t2i-0001");

      CompletionEvent.Result story = byJob.get("story_17").get(0).data();
      String storyBase = "s3://" + OUTPUT_BUCKET + "/" + OUTPUT_PREFIX + "/story_17/";
      assertThat(story.outputs().document()).contains(storyBase + "document.json");
      assertThat(story.metadata()).isEqualTo(Map.of("campaign", "winter"));
      assertThat(imageUris(JSON.readTree(stack.get(storyBase + "document.json").asByteArray())))
          .isEqualTo(story.outputs().images());
      assertThat(worker.failure()).isEmpty();
      stack.awaitCommittedToEnd(topics);
    }
  }

  @Test
  void everyKindOfBadInput_endsInItsErrorAndADeadLetter_andTheWorkerCarriesOn() {
    Topics topics = stack.topics("bad");
    stack.put(PRIVATE_BUCKET, "secret.png", ShapePngs.scene(4), "image/png");
    byte[] oversized = new byte[MAX_INPUT_IMAGE_BYTES + 1];
    new Random(1).nextBytes(oversized);
    String oversizedUri = stack.put(INPUT_BUCKET, "bad/huge.png", oversized, "image/png");
    // Valid jobs but for their encoding: the contract's is UTF-8.
    byte[] latin1 = ("{\"job_id\": \"latin-1\", \"type\": \"caption\", \"image\": " + inline(ShapePngs.scene(4))
        + ", \"instruction\": \"d\u00e9cris l'image\"}").getBytes(StandardCharsets.ISO_8859_1);
    byte[] utf16 = caption("utf-16", inline(ShapePngs.scene(4))).getBytes(StandardCharsets.UTF_16);
    byte[] noise = new byte[300];
    new Random(2).nextBytes(noise);
    byte[] scene = ShapePngs.scene(5);

    /** A bad record: its key (and so its job id), its value, and what its event must say. */
    record Bad(String key, byte[] value, Status status, String code, String messagePart) {}
    List<Bad> bad = List.of(
        new Bad("bad-json", utf8("{\"job_id\": \"bad-json\", \"type\": \"caption\", \"image\": "),
            Status.REJECTED, "MALFORMED_JSON", "end-of-input"),
        new Bad("latin-1", latin1, Status.REJECTED, "MALFORMED_JSON", "not UTF-8"),
        new Bad("utf-16", utf16, Status.REJECTED, "MALFORMED_JSON", "UTF-8"),
        new Bad("tombstone", null, Status.REJECTED, "MALFORMED_JSON", "empty input"),
        new Bad("bad-schema", utf8("{\"job_id\": \"bad-schema\", \"type\": \"interleaved\", \"prompt\": \"a circle\","
            + " \"max_images\": 99}"), Status.REJECTED, "SCHEMA_VIOLATION", "$.max_images"),
        new Bad("bad-type", utf8("{\"job_id\": \"bad-type\", \"type\": \"video\", \"prompt\": \"a circle\"}"),
            Status.REJECTED, "UNKNOWN_TYPE", "job types: caption, interleaved"),
        new Bad("not-an-image", utf8(caption("not-an-image", inline(noise))),
            Status.REJECTED, "INVALID_IMAGE", "only PNG and JPEG"),
        new Bad("too-large-inline", utf8(caption("too-large-inline", inline(oversized))),
            Status.REJECTED, "INPUT_TOO_LARGE", "s3.max-input-image-bytes"),
        new Bad("too-large-s3", utf8(caption("too-large-s3", s3(oversizedUri))),
            Status.REJECTED, "INPUT_TOO_LARGE", "s3.max-input-image-bytes"),
        new Bad("not-allowed", utf8(caption("not-allowed", s3("s3://" + PRIVATE_BUCKET + "/secret.png"))),
            Status.REJECTED, "INPUT_NOT_ALLOWED", "s3.allowed-input-buckets"),
        new Bad("not-found", utf8(caption("not-found", s3("s3://" + INPUT_BUCKET + "/no/such.png"))),
            Status.REJECTED, "INPUT_NOT_FOUND", "does not exist"),
        new Bad("slots-mismatch", utf8("{\"job_id\": \"slots-mismatch\", \"type\": \"interleaved\","
            + " \"prompt\": \"<image> and <image>: what changed?\", \"images\": [" + inline(scene) + "]}"),
            Status.REJECTED, "SCHEMA_VIOLATION", "2 <image> slots but 1 images"));

    try (Worker worker = stack.startWorker("it-bad", topics,
             Map.of("DREAMWORKER_S3_MAX_INPUT_IMAGE_BYTES", Integer.toString(MAX_INPUT_IMAGE_BYTES)), WorkerHooks.NONE);
         TopicTail events = stack.tail(topics.events());
         TopicTail deadLetters = stack.tail(topics.deadLetters())) {
      Map<String, RecordMetadata> sent = new LinkedHashMap<>();
      for (Bad b : bad) {
        sent.put(b.key(), stack.send(topics.jobs(), b.key(), b.value()));
      }
      RecordMetadata keyless = stack.send(topics.jobs(), null, utf8("not json at all"));
      String keylessId = "dlq-" + topics.jobs() + "-" + keyless.partition() + "-" + keyless.offset();
      stack.send(topics.jobs(), "valid-after-bad", caption("valid-after-bad", inline(scene)));
      List<String> ids = new ArrayList<>(sent.keySet());
      ids.add(keylessId);
      ids.add("valid-after-bad");

      Map<String, List<CompletionEvent>> byJob = events.awaitEvents(ids);

      for (Bad b : bad) {
        assertThat(byJob.get(b.key())).as("events of %s", b.key()).hasSize(1);
        CompletionEvent.Result result = byJob.get(b.key()).get(0).data();
        assertThat(result.status()).as("status of %s", b.key()).isEqualTo(b.status());
        assertThat(result.error()).as("error of %s", b.key()).hasValueSatisfying(error -> {
          assertThat(error.code()).isEqualTo(b.code());
          assertThat(error.message()).isNotBlank().contains(b.messagePart());
        });
        assertThat(result.outputs().isEmpty()).isTrue();
      }
      assertThat(byJob.get(keylessId).get(0).data().error().orElseThrow().code()).isEqualTo("MALFORMED_JSON");
      assertThat(byJob.get("valid-after-bad").get(0).data().status()).isEqualTo(Status.SUCCEEDED);
      assertThat(worker.failure()).isEmpty();

      await().atMost(EVENT_TIMEOUT).pollInSameThread().until(() -> deadLetters.records().size() >= bad.size() + 1);
      List<ConsumerRecord<byte[], byte[]>> letters = deadLetters.records();
      assertThat(letters).hasSize(bad.size() + 1);
      Map<String, ConsumerRecord<byte[], byte[]>> byOffset = letters.stream().collect(Collectors.toMap(
          r -> TopicTail.header(r, DeadLetter.HEADER_ORIGINAL_PARTITION) + "@"
              + TopicTail.header(r, DeadLetter.HEADER_ORIGINAL_OFFSET), r -> r));
      for (Bad b : bad) {
        RecordMetadata original = sent.get(b.key());
        ConsumerRecord<byte[], byte[]> letter = byOffset.get(original.partition() + "@" + original.offset());
        assertThat(letter).as("dead letter of %s", b.key()).isNotNull();
        assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo(b.key());
        assertThat(TopicTail.header(letter, DeadLetter.HEADER_ERROR_CODE)).isEqualTo(b.code());
        assertThat(TopicTail.header(letter, DeadLetter.HEADER_ORIGINAL_TOPIC)).isEqualTo(topics.jobs());
        DeadLetter decoded = EVENTS.decodeDeadLetter(letter.value());
        assertThat(decoded.reason().code()).isEqualTo(b.code());
        assertThat(decoded.original().value().bytes().orElseThrow()).isEqualTo(b.value() == null ? new byte[0] : b.value());
      }
      assertThat(EVENTS.decodeDeadLetter(byOffset.get(keyless.partition() + "@" + keyless.offset()).value())
          .original().value()).isEqualTo(new DeadLetter.Payload.Text("not json at all"));
      assertThat(EVENTS.decodeDeadLetter(byOffset.get(sent.get("latin-1").partition() + "@"
          + sent.get("latin-1").offset()).value()).original().value()).isInstanceOf(DeadLetter.Payload.Binary.class);
      stack.awaitCommittedToEnd(topics);
    }
  }

  @Test
  void maxInFlightTwo_neverHandsOutMoreThanTwoJobs_andAllTenComplete() throws IOException {
    Topics topics = stack.topics("bounded");
    List<String> ids = IntStream.range(0, 10).mapToObj(i -> "bounded-" + i).toList();
    byte[] scene = ShapePngs.scene(6);
    // Sent before the worker starts, so that its first poll finds all ten waiting.
    for (String id : ids) {
      stack.send(topics.jobs(), id, caption(id, inline(scene), 4));
    }
    Map<String, String> bounded = Map.of("DREAMWORKER_KAFKA_MAX_IN_FLIGHT", "2");
    AtomicLong mostInFlight = new AtomicLong();
    AtomicLong mostPaused = new AtomicLong();
    AtomicLong mostScrapedPaused = new AtomicLong();
    AtomicLong mostInFlightInside = new AtomicLong();

    // The worker's own telemetry, as in production: the gauges an operator watches. Pausing is also
    // recorded from the loop itself at every turn: a pause lasts one poll, and on a loaded machine a
    // scrape every 10 ms can miss all of them.
    try (Telemetry telemetry = Telemetry.start(stack.config(topics, bounded).http());
         MetricsScrape metrics = new MetricsScrape(telemetry);
         Worker worker = stack.startWorker("it-bounded", topics, bounded,
             telemetry.hooks().withLoop(recordingPauses(telemetry.hooks().loop(), mostPaused)));
         TopicTail events = stack.tail(topics.events())) {
      await().atMost(EVENT_TIMEOUT).pollInSameThread().pollInterval(Duration.ofMillis(10)).until(() -> {
        Map<String, Double> sample = metrics.scrape();
        mostInFlight.accumulateAndGet(sample.getOrDefault("dreamworker_jobs_in_flight", 0.0).longValue(), Math::max);
        mostScrapedPaused.accumulateAndGet(
            sample.getOrDefault("dreamworker_partitions_paused", 0.0).longValue(), Math::max);
        mostInFlightInside.accumulateAndGet(worker.inFlight(), Math::max);
        return events.hasEventsFor(ids);
      });

      assertThat(events.events().values()).allSatisfy(list ->
          assertThat(list.get(0).data().status()).isEqualTo(Status.SUCCEEDED));
      assertThat(mostInFlight.get()).as("the most jobs in flight on the gauge").isEqualTo(2);
      assertThat(mostInFlightInside.get()).as("the most jobs in flight in the loop").isBetween(1L, 2L);
      assertThat(mostPaused.get()).as("partitions paused at the bound").isPositive();
      // The gauge never shows more partitions paused than the worker has.
      assertThat(mostScrapedPaused.get()).isBetween(0L, mostPaused.get());
      stack.awaitCommittedToEnd(topics);
    }
  }

  /** Forwards every report to {@code delegate} and keeps the most partitions paused at the end of a turn. */
  private static LoopObserver recordingPauses(LoopObserver delegate, AtomicLong mostPaused) {
    return new LoopObserver() {
      @Override
      public void assignmentChanged(java.util.Set<org.apache.kafka.common.TopicPartition> assigned) {
        delegate.assignmentChanged(assigned);
      }

      @Override
      public void turn(int inFlight, long inFlightCost, int pausedPartitions, Map<String, Long> lagRecordsByTopic) {
        mostPaused.accumulateAndGet(pausedPartitions, Math::max);
        delegate.turn(inFlight, inFlightCost, pausedPartitions, lagRecordsByTopic);
      }

      @Override
      public void committed(int records, java.time.Duration took) {
        delegate.committed(records, took);
      }

      @Override
      public void commitAborted(Exception cause, boolean rebalanced) {
        delegate.commitAborted(cause, rebalanced);
      }
    };
  }


  private static JsonNode rawEvent(TopicTail events, String jobId) throws IOException {
    for (ConsumerRecord<byte[], byte[]> record : events.records()) {
      JsonNode node = JSON.readTree(record.value());
      if (node.path("subject").asText().equals(jobId)) {
        return node;
      }
    }
    throw new AssertionError("no event of " + jobId);
  }

  /** The URIs of a document.json's image segments, in order. */
  static List<String> imageUris(JsonNode document) {
    List<String> uris = new ArrayList<>();
    document.path("segments").forEach(segment -> {
      if (segment.path("type").asText().equals("image")) {
        uris.add(segment.path("uri").asText());
      }
    });
    return uris;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A job with few tokens and denoising steps, at the bundle's own image size. A caption's
   * {@code image} is its input, not image parameters, and stays.
   */
  private static String cheaper(String json) throws IOException {
    ObjectNode job = (ObjectNode) JSON.readTree(json);
    if (job.path("type").asText().equals("interleaved")) {
      ObjectNode image = job.has("image") ? (ObjectNode) job.get("image") : job.putObject("image");
      image.put("steps", STEPS);
      image.remove("size");
    }
    ObjectNode text = job.has("text") ? (ObjectNode) job.get("text") : job.putObject("text");
    text.put("max_new_tokens", MAX_NEW_TOKENS);
    return JSON.writeValueAsString(job);
  }

  private static String example(String file) {
    try (InputStream in = WorkerEndToEndTest.class.getResourceAsStream("/dreamworker/examples/" + file)) {
      if (in == null) {
        throw new AssertionError("the schemas jar has no example " + file);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
