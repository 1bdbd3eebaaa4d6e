package io.dreamworker.worker.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dreamworker.model.engine.EngineFailureException;
import io.dreamworker.model.engine.GenerationRequest;
import io.dreamworker.model.engine.GenerationResult;
import io.dreamworker.model.engine.RequestRejectedException;
import io.dreamworker.model.engine.RequestTimings;
import io.dreamworker.model.engine.scheduling.Stage;
import io.dreamworker.model.generation.Document;
import io.dreamworker.model.image.RgbImage;
import io.dreamworker.schemas.CaptionJob;
import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.CompletionEvent.Outputs;
import io.dreamworker.schemas.CompletionEvent.Status;
import io.dreamworker.schemas.DeadLetter;
import io.dreamworker.schemas.EventCodec;
import io.dreamworker.schemas.ImageInput;
import io.dreamworker.schemas.ImageParams;
import io.dreamworker.schemas.InterleavedJob;
import io.dreamworker.schemas.JobCodec;
import io.dreamworker.schemas.TextParams;
import io.dreamworker.worker.events.EventRecords;
import io.dreamworker.worker.ingest.Abandonment;
import io.dreamworker.worker.ingest.Attempt;
import io.dreamworker.worker.ingest.InFlightJob;
import io.dreamworker.worker.ingest.Settlement;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobProcessorTest {
  private static final JobCodec JOBS = new JobCodec();
  private static final EventCodec EVENTS = new EventCodec();
  private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
  private static final RequestTimings TIMINGS = new RequestTimings(Duration.ofMillis(3),
      Map.of(), Map.of(Stage.DIFFUSION, Duration.ofMillis(40)), Duration.ofMillis(50));
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

  private static final Attempt FIRST = new Attempt(1, 3);

  /** What the settlements of this test's records publish, in order, once "committed". */
  private final List<ProducerRecord<byte[], byte[]>> published = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.ExecutorService io = Executors.newVirtualThreadPerTaskExecutor();
  private final List<String> observed = new CopyOnWriteArrayList<>();
  private final List<Document> written = new CopyOnWriteArrayList<>();

  private InputFetcher inputs = input -> PNG;
  private Function<GenerationRequest, CompletableFuture<GenerationResult>> model =
      request -> CompletableFuture.completedFuture(new GenerationResult.Caption("a red circle", 4, TIMINGS));
  private OutputStore outputs = (jobId, prefix, document) -> {
    written.add(document);
    String base = "s3://out/" + prefix.orElse("dw") + "/" + jobId + "/";
    List<String> images = new ArrayList<>();
    for (int i = 0; i < document.images().size(); i++) {
      images.add(base + "img-" + i + ".png");
    }
    return new Outputs(Optional.of(base + "document.json"), images, Optional.of(base + "document.md"));
  };


  @AfterEach
  void close() throws Exception {
    io.close();
  }

  private FaultInjection faults = FaultInjection.OFF;

  private JobProcessor processor() {
    JobObserver observer = new JobObserver() {
      @Override
      public void completed(String kind, Status status, Duration total) {
        observed.add(kind + ":" + status.wireName());
      }

      @Override
      public void deadLettered(String code) {
        observed.add("dlq:" + code);
      }
    };
    return new JobProcessor(JOBS, inputs, request -> model.apply(request), outputs,
        new EventRecords(EVENTS, "events", "dlq"), faults,
        new ProcessorSettings("urn:dreamworker:worker:test", new CompletionEvent.Bundle("tiny", "1")),
        observer, io, Clock.fixed(T0.plusMillis(250), ZoneOffset.UTC));
  }

  /** Publishes a settlement as the consumer loop would once its commit succeeded. */
  private void commit(Settlement.Publish publish) {
    published.addAll(publish.records());
    publish.onCommitted().run();
  }

  private static ConsumerRecord<byte[], byte[]> record(String key, byte[] value) {
    return new ConsumerRecord<>("jobs", 2, 17, T0.toEpochMilli(), TimestampType.CREATE_TIME, -1, -1,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, new RecordHeaders(), Optional.empty());
  }

  private static ConsumerRecord<byte[], byte[]> record(String json) {
    return record("job-1", json.getBytes(StandardCharsets.UTF_8));
  }

  private CompletionEvent runToEvent(ConsumerRecord<byte[], byte[]> record) {
    Settlement settlement = processor().handle(record, FIRST).done().join();
    assertThat(settlement).isInstanceOf(Settlement.Publish.class);
    commit((Settlement.Publish) settlement);
    return onlyEvent();
  }

  private CompletionEvent onlyEvent() {
    List<ProducerRecord<byte[], byte[]>> events = published.stream().filter(r -> r.topic().equals("events")).toList();
    assertThat(events).hasSize(1);
    assertThat(new String(events.get(0).headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
        .isEqualTo(EventRecords.CONTENT_TYPE);
    return EVENTS.decodeEvent(events.get(0).value());
  }

  private List<ProducerRecord<byte[], byte[]>> deadLetters() {
    return published.stream().filter(r -> r.topic().equals("dlq")).toList();
  }

  @Test
  void captionJob_succeedsWithTheCaptionInlineAndNoFiles() {
    byte[] job = JOBS.encode(CaptionJob.of("cap-1", ImageInput.Base64.of(PNG)));
    CompletionEvent event = runToEvent(record("cap-1", job));

    assertThat(event.data().status()).isEqualTo(Status.SUCCEEDED);
    assertThat(event.data().caption()).hasValue("a red circle");
    assertThat(event.data().outputs().isEmpty()).isTrue();
    assertThat(event.data().jobId()).isEqualTo("cap-1");
    assertThat(event.id()).isEqualTo("cap-1@jobs-2-17");
    assertThat(event.data().timings().totalMs()).isEqualTo(250);
    assertThat(event.data().timings().stages()).containsEntry("diffusion", 40L).containsKey("fetch");
    assertThat(deadLetters()).isEmpty();
    assertThat(published.get(0).key()).isEqualTo("cap-1".getBytes(StandardCharsets.UTF_8));
    assertThat(observed).containsExactly("caption:succeeded");
  }

  @Test
  void textToImageJob_runsAsTextToImageAndWritesItsImage() {
    List<GenerationRequest> requests = new CopyOnWriteArrayList<>();
    model = request -> {
      requests.add(request);
      return CompletableFuture.completedFuture(new GenerationResult.Image(new RgbImage(2, 2, new byte[12]), TIMINGS));
    };
    byte[] job = JOBS.encode(InterleavedJob.textToImage("t2i-1", "a red circle", ImageParams.seeded(7)));
    CompletionEvent event = runToEvent(record("t2i-1", job));

    assertThat(requests).singleElement().isInstanceOf(GenerationRequest.TextToImage.class);
    assertThat(event.data().status()).isEqualTo(Status.SUCCEEDED);
    assertThat(event.data().outputs().images()).containsExactly("s3://out/dw/t2i-1/img-0.png");
    assertThat(written).singleElement().satisfies(d -> assertThat(d.images()).hasSize(1));
    assertThat(observed).containsExactly("text_to_image:succeeded");
  }

  @Test
  void interleavedJob_fetchesItsInputsInOrderAndUsesItsOutputPrefix() {
    List<ImageInput> fetched = new CopyOnWriteArrayList<>();
    inputs = input -> {
      fetched.add(input);
      return PNG;
    };
    model = request -> CompletableFuture.completedFuture(new GenerationResult.Interleaved(
        new Document(List.of(new Document.Text("first"), new Document.Image(0, new RgbImage(2, 2, new byte[12])))),
        3, TIMINGS));
    InterleavedJob job = new InterleavedJob("story-1", "look <image> and <image>",
        List.of(new ImageInput.S3Uri("s3://inputs/a.png"), new ImageInput.S3Uri("s3://inputs/b.png")), 2,
        TextParams.DEFAULTS, ImageParams.DEFAULTS, Optional.of("team-a/run-3"), Map.of("batch", "42"));
    CompletionEvent event = runToEvent(record("story-1", JOBS.encode(job)));

    assertThat(fetched).extracting(i -> ((ImageInput.S3Uri) i).uri())
        .containsExactly("s3://inputs/a.png", "s3://inputs/b.png");
    assertThat(event.data().outputs().document()).hasValue("s3://out/team-a/run-3/story-1/document.json");
    assertThat(event.data().metadata()).containsEntry("batch", "42");
  }

  @Test
  void malformedJson_isRejectedUnderTheRecordKeyWithADeadLetter() {
    CompletionEvent event = runToEvent(record("{\"type\": \"caption\",,}"));

    assertThat(event.data().status()).isEqualTo(Status.REJECTED);
    assertThat(event.data().jobId()).isEqualTo("job-1");
    assertThat(event.data().error()).get().satisfies(e -> assertThat(e.code()).isEqualTo("MALFORMED_JSON"));
    ProducerRecord<byte[], byte[]> letter = deadLetters().get(0);
    assertThat(new String(letter.headers().lastHeader(DeadLetter.HEADER_ERROR_CODE).value(), StandardCharsets.UTF_8))
        .isEqualTo("MALFORMED_JSON");
    assertThat(new String(letter.headers().lastHeader(DeadLetter.HEADER_ORIGINAL_OFFSET).value(), StandardCharsets.UTF_8))
        .isEqualTo("17");
    DeadLetter decoded = EVENTS.decodeDeadLetter(letter.value());
    assertThat(decoded.original().value().bytes().orElseThrow()).isEqualTo("{\"type\": \"caption\",,}".getBytes(StandardCharsets.UTF_8));
    // The dead letter goes first in the commit's records, ahead of the event that reports it.
    assertThat(published.get(0).topic()).isEqualTo("dlq");
    assertThat(observed).containsExactly("dlq:MALFORMED_JSON", "unknown:rejected");
  }

  @Test
  void undecodableRecordWithABadKey_isNamedByItsPosition() {
    CompletionEvent event = runToEvent(record("not a valid id!", new byte[] {(byte) 0xff, 0x00}));
    assertThat(event.data().jobId()).isEqualTo("dlq-jobs-2-17");
    assertThat(EVENTS.decodeDeadLetter(deadLetters().get(0).value()).original().value())
        .isInstanceOf(DeadLetter.Payload.Binary.class);
  }

  @Test
  void nullValue_isRejectedNotCrashed() {
    CompletionEvent event = runToEvent(record("tombstone", null));
    assertThat(event.data().status()).isEqualTo(Status.REJECTED);
  }

  @Test
  void schemaViolation_namesThePath() {
    CompletionEvent event = runToEvent(record("{\"type\":\"interleaved\",\"job_id\":\"x\",\"prompt\":\"p\",\"max_images\":99}"));
    assertThat(event.data().error()).get().satisfies(e -> {
      assertThat(e.code()).isEqualTo("SCHEMA_VIOLATION");
      assertThat(e.message()).contains("max_images");
    });
  }

  @Test
  void inputRejectedByStorage_isRejectedWithItsCode() {
    inputs = input -> {
      throw JobFailure.rejected("INPUT_NOT_ALLOWED", "bucket 'secret' is not in s3.allowed-input-buckets");
    };
    byte[] job = JOBS.encode(CaptionJob.of("cap-2", new ImageInput.S3Uri("s3://secret/a.png")));
    CompletionEvent event = runToEvent(record("cap-2", job));
    assertThat(event.data().status()).isEqualTo(Status.REJECTED);
    assertThat(event.data().error().orElseThrow().code()).isEqualTo("INPUT_NOT_ALLOWED");
    assertThat(deadLetters()).hasSize(1);
  }

  @Test
  void engineRejection_mapsItsReasonToACode() {
    model = request -> {
      throw new RequestRejectedException(RequestRejectedException.Reason.INVALID_IMAGE, "not a PNG or JPEG");
    };
    byte[] job = JOBS.encode(CaptionJob.of("cap-3", ImageInput.Base64.of(PNG)));
    CompletionEvent event = runToEvent(record("cap-3", job));
    assertThat(event.data().error().orElseThrow().code()).isEqualTo("INVALID_IMAGE");
    assertThat(event.data().status()).isEqualTo(Status.REJECTED);
  }

  @Test
  void engineFailure_isARetryWhoseLastWordIsAFailedEvent() {
    model = request -> CompletableFuture.failedFuture(new EngineFailureException("NaN in the UNet", null));
    byte[] job = JOBS.encode(CaptionJob.of("cap-4", ImageInput.Base64.of(PNG)));
    Settlement settlement = processor().handle(record("cap-4", job), new Attempt(2, 3)).done().join();

    assertThat(settlement).isInstanceOf(Settlement.Retry.class);
    Settlement.Retry retry = (Settlement.Retry) settlement;
    assertThat(retry.reason()).contains("NaN in the UNet");
    assertThat(observed).as("nothing is reported before a commit").isEmpty();
    commit(retry.ifExhausted());
    CompletionEvent event = onlyEvent();
    assertThat(event.data().status()).isEqualTo(Status.FAILED);
    assertThat(event.data().error().orElseThrow().code()).isEqualTo("ENGINE_FAILED");
    assertThat(event.data().error().orElseThrow().message()).contains("attempt 2 of 3", "NaN in the UNet");
    assertThat(deadLetters()).hasSize(1);
  }

  @Test
  void outputWriteFailure_isFailedWithADeadLetter() {
    model = request -> CompletableFuture.completedFuture(new GenerationResult.Image(new RgbImage(2, 2, new byte[12]), TIMINGS));
    outputs = (jobId, prefix, document) -> {
      throw JobFailure.failed("OUTPUT_WRITE_FAILED", "s3://out/x: 503 after 5 attempts", null);
    };
    byte[] job = JOBS.encode(InterleavedJob.textToImage("t2i-2", "a", ImageParams.seeded(1)));
    CompletionEvent event = runToEvent(record("t2i-2", job));
    assertThat(event.data().status()).isEqualTo(Status.FAILED);
    assertThat(event.data().error().orElseThrow().code()).isEqualTo("OUTPUT_WRITE_FAILED");
    assertThat(deadLetters()).hasSize(1);
  }

  @Test
  void unexpectedException_isAnInternalErrorEvent() {
    inputs = input -> {
      throw new NullPointerException("bug");
    };
    byte[] job = JOBS.encode(CaptionJob.of("cap-5", ImageInput.Base64.of(PNG)));
    CompletionEvent event = runToEvent(record("cap-5", job));
    assertThat(event.data().error().orElseThrow().code()).isEqualTo("INTERNAL_ERROR");
  }

  @Test
  void cancelledWhileGenerating_settlesAsCancelled() {
    CompletableFuture<GenerationResult> pending = new CompletableFuture<>();
    model = request -> pending;
    byte[] job = JOBS.encode(CaptionJob.of("cap-6", ImageInput.Base64.of(PNG)));
    InFlightJob inFlight = processor().handle(record("cap-6", job), FIRST);
    await().until(() -> pending.getNumberOfDependents() > 0);
    inFlight.cancel().run();

    assertThat(pending).isCancelled();
    assertThat(inFlight.done()).failsWithin(Duration.ofSeconds(5))
        .withThrowableThat().havingRootCause().isInstanceOf(CancellationException.class);
  }

  @Test
  void engineClosedAtShutdown_isCancellationNotRejection() {
    model = request -> {
      throw new RequestRejectedException(RequestRejectedException.Reason.ENGINE_CLOSED, "closed");
    };
    byte[] job = JOBS.encode(CaptionJob.of("cap-7", ImageInput.Base64.of(PNG)));
    InFlightJob inFlight = processor().handle(record("cap-7", job), FIRST);
    assertThat(inFlight.done()).failsWithin(Duration.ofSeconds(5))
        .withThrowableThat().havingRootCause().isInstanceOf(CancellationException.class);
  }

  @Test
  void cost_isKnownOnceDecoded_fromTheJobsParameters() {
    byte[] caption = JOBS.encode(CaptionJob.of("cap-9", ImageInput.Base64.of(PNG)));
    InFlightJob captioning = processor().handle(record("cap-9", caption), FIRST);
    assertThat(captioning.cost()).succeedsWithin(Duration.ofSeconds(5))
        .isEqualTo(1L + TextParams.DEFAULTS.maxNewTokens());

    InFlightJob broken = processor().handle(record("{"), FIRST);
    assertThat(broken.cost()).succeedsWithin(Duration.ofSeconds(5)).isEqualTo(0L);
  }

  @Test
  void abandonedAfterWorkersWereLost_failsWithoutRunningAndSaysWhy() {
    model = request -> {
      throw new AssertionError("an abandoned job must not run");
    };
    byte[] job = JOBS.encode(InterleavedJob.textToImage("t2i-9", "a", ImageParams.seeded(1)));
    InFlightJob inFlight = processor().abandon(record("t2i-9", job), new Abandonment.WorkersLost(3));

    Settlement settlement = inFlight.done().join();
    commit((Settlement.Publish) settlement);
    CompletionEvent event = onlyEvent();
    assertThat(event.data().status()).isEqualTo(Status.FAILED);
    assertThat(event.data().error().orElseThrow().code()).isEqualTo(ErrorCodes.WORKERS_LOST);
    assertThat(event.data().error().orElseThrow().message()).contains("3 workers");
    assertThat(event.id()).isEqualTo("t2i-9@jobs-2-17");
    assertThat(deadLetters()).singleElement().satisfies(letter -> assertThat(new String(
        letter.headers().lastHeader(DeadLetter.HEADER_ERROR_CODE).value(), StandardCharsets.UTF_8))
        .isEqualTo(ErrorCodes.WORKERS_LOST));
    assertThat(inFlight.cost()).isCompletedWithValue(0L);
  }

  @Test
  void abandonedAfterATimeout_failsAsTimedOut() {
    byte[] job = JOBS.encode(CaptionJob.of("cap-10", ImageInput.Base64.of(PNG)));
    Settlement settlement = processor().abandon(record("cap-10", job),
        new Abandonment.TimedOut(3, Duration.ofMinutes(10))).done().join();
    commit((Settlement.Publish) settlement);
    assertThat(onlyEvent().data().error().orElseThrow()).satisfies(error -> {
      assertThat(error.code()).isEqualTo(ErrorCodes.TIMED_OUT);
      assertThat(error.message()).contains("PT10M", "attempt 3");
    });
  }

  @Test
  void faultInjectionOff_ignoresTheFaultMetadata() {
    byte[] job = JOBS.encode(new CaptionJob("cap-11", ImageInput.Base64.of(PNG), CaptionJob.DEFAULT_INSTRUCTION,
        TextParams.DEFAULTS, Optional.empty(), Map.of(FaultInjection.METADATA_KEY, "engine_failure")));
    assertThat(runToEvent(record("cap-11", job)).data().status()).isEqualTo(Status.SUCCEEDED);
  }

  @Test
  void faultInjectionOn_anEngineFailureFaultIsARetry_andAHangWaitsForItsCancel() {
    faults = FaultInjection.ON;
    byte[] failing = JOBS.encode(new CaptionJob("cap-12", ImageInput.Base64.of(PNG), CaptionJob.DEFAULT_INSTRUCTION,
        TextParams.DEFAULTS, Optional.empty(), Map.of(FaultInjection.METADATA_KEY, "engine_failure")));
    assertThat(processor().handle(record("cap-12", failing), FIRST).done().join())
        .isInstanceOf(Settlement.Retry.class);

    byte[] hanging = JOBS.encode(new CaptionJob("cap-13", ImageInput.Base64.of(PNG), CaptionJob.DEFAULT_INSTRUCTION,
        TextParams.DEFAULTS, Optional.empty(), Map.of(FaultInjection.METADATA_KEY, "hang")));
    InFlightJob hang = processor().handle(record("cap-13", hanging), FIRST);
    assertThat(hang.done()).isNotDone();
    await().pollDelay(Duration.ofMillis(100)).until(() -> true);
    assertThat(hang.done()).isNotDone();
    hang.cancel().run();
    assertThat(hang.done()).failsWithin(Duration.ofSeconds(5))
        .withThrowableThat().havingRootCause().isInstanceOf(CancellationException.class);
  }
}
