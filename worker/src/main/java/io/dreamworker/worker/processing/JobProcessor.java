package io.dreamworker.worker.processing;

import io.dreamworker.model.engine.EngineFailureException;
import io.dreamworker.model.engine.GenerationResult;
import io.dreamworker.model.engine.RequestRejectedException;
import io.dreamworker.model.engine.RequestTimings;
import io.dreamworker.model.generation.Document;
import io.dreamworker.schemas.CaptionJob;
import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.CompletionEvent.Outputs;
import io.dreamworker.schemas.CompletionEvent.Status;
import io.dreamworker.schemas.DeadLetter;
import io.dreamworker.schemas.Decoded;
import io.dreamworker.schemas.ErrorInfo;
import io.dreamworker.schemas.ImageInput;
import io.dreamworker.schemas.InterleavedJob;
import io.dreamworker.schemas.Job;
import io.dreamworker.schemas.JobCodec;
import io.dreamworker.worker.events.EventPublisher;
import io.dreamworker.worker.ingest.InFlightJob;
import io.dreamworker.worker.ingest.RecordHandler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processing of one job record, assembled in one place: decode → fetch inputs → generate →
 * write outputs → publish (dead letter first when the job did not succeed, then the completion
 * event). Every step but generation runs on the I/O executor; generation runs on the engine's
 * thread; nothing runs on the consumer thread beyond starting the chain.
 *
 * <p>Every record ends in exactly one completion event, whatever is wrong with it: bad input
 * becomes a {@code rejected} event, a step that keeps failing a {@code failed} one, each with a dead
 * letter carrying the original record. The returned job's future fails only when publishing fails
 * (see {@link RecordHandler}), and is cancelled when the job was cancelled before it published.
 */
public final class JobProcessor implements RecordHandler {
  private static final Logger log = LoggerFactory.getLogger(JobProcessor.class);

  /** The schemas' job id rule: a record key that fits it names the job of an undecodable record. */
  private static final Pattern JOB_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  /** The kind of a record that is not a job. */
  static final String UNKNOWN_KIND = "unknown";

  private final JobCodec codec;
  private final InputFetcher inputs;
  private final Generator generator;
  private final OutputStore outputs;
  private final EventPublisher publisher;
  private final ProcessorSettings settings;
  private final JobObserver observer;
  private final Executor io;
  private final Clock clock;

  /**
   * @param io runs the blocking steps (S3 reads and writes with their retries, waiting for acks);
   *     virtual threads suit it, since each job spends most of its time waiting
   */
  public JobProcessor(JobCodec codec, InputFetcher inputs, Generator generator, OutputStore outputs,
      EventPublisher publisher, ProcessorSettings settings, JobObserver observer, Executor io, Clock clock) {
    this.codec = Objects.requireNonNull(codec, "codec");
    this.inputs = Objects.requireNonNull(inputs, "inputs");
    this.generator = Objects.requireNonNull(generator, "generator");
    this.outputs = Objects.requireNonNull(outputs, "outputs");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.io = Objects.requireNonNull(io, "io");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public InFlightJob handle(ConsumerRecord<byte[], byte[]> record) {
    Run run = new Run(record, clock.instant());
    CompletableFuture<Void> done = CompletableFuture
        .supplyAsync(() -> codec.decode(record.value() == null ? new byte[0] : record.value()), io)
        .thenCompose(decoded -> switch (decoded) {
          case Decoded.Valid(Job job) -> process(run, job);
          case Decoded.Invalid invalid -> CompletableFuture.completedFuture(
              Outcome.unsuccessful(null, Status.REJECTED, ErrorInfo.of(invalid), Map.of()));
        })
        .thenCompose(outcome -> publish(run, outcome));
    return new InFlightJob(done, run::cancel);
  }

  /** The outcome of a valid job; completes exceptionally only when the job was cancelled. */
  private CompletableFuture<Outcome> process(Run run, Job job) {
    Map<String, Long> stages = new LinkedHashMap<>();
    return CompletableFuture
        .supplyAsync(() -> timed(stages, "fetch", () -> fetchInputs(job)), io)
        .thenCompose(images -> {
          run.checkNotCancelled();
          CompletableFuture<GenerationResult> generation = generator.submit(JobRequests.of(job, images));
          run.generation = generation;
          if (run.cancelled) {
            generation.cancel(false);
          }
          return generation;
        })
        .thenApplyAsync(result -> {
          run.checkNotCancelled();
          addEngineTimings(stages, timings(result));
          return switch (result) {
            case GenerationResult.Caption caption -> Outcome.succeeded(job, Outputs.NONE,
                Optional.of(caption.text()), stages);
            case GenerationResult.Image image -> Outcome.succeeded(job, timed(stages, "upload",
                () -> outputs.write(job.jobId(), job.outputPrefix(), new Document(
                    List.of(new Document.Image(0, image.image()))))), Optional.empty(), stages);
            case GenerationResult.Interleaved interleaved -> Outcome.succeeded(job, timed(stages, "upload",
                () -> outputs.write(job.jobId(), job.outputPrefix(), interleaved.document())), Optional.empty(),
                stages);
          };
        }, io)
        .exceptionallyCompose(error -> {
          JobFailure failure = classify(run, job, unwrap(error));
          return CompletableFuture.completedFuture(
              Outcome.unsuccessful(job, failure.status(), failure.error(), stages));
        });
  }

  private List<byte[]> fetchInputs(Job job) {
    List<ImageInput> wanted = switch (job) {
      case CaptionJob caption -> List.of(caption.image());
      case InterleavedJob interleaved -> interleaved.images();
    };
    List<byte[]> images = new ArrayList<>(wanted.size());
    for (ImageInput input : wanted) {
      images.add(inputs.fetch(input));
    }
    return images;
  }

  /**
   * The failure a step's exception stands for. Rethrows cancellation (including the engine closing
   * under a job at shutdown): such a job publishes nothing and its record is redone.
   */
  private JobFailure classify(Run run, Job job, Throwable error) {
    if (error instanceof CancellationException || run.cancelled) {
      throw error instanceof CancellationException c ? c : new CancellationException("job cancelled");
    }
    return switch (error) {
      case JobFailure failure -> failure;
      case RequestRejectedException rejected -> switch (rejected.reason()) {
        case INVALID_IMAGE -> JobFailure.rejected(ErrorCodes.INVALID_IMAGE, rejected.getMessage());
        case INVALID_INPUT -> JobFailure.rejected(ErrorCodes.INVALID_INPUT, rejected.getMessage());
        case TOO_LARGE -> JobFailure.rejected(ErrorCodes.TOO_LARGE, rejected.getMessage());
        case ENGINE_CLOSED -> throw new CancellationException("the engine closed under job " + job.jobId());
      };
      // The engine's own argument checks (parameters this bundle cannot honour).
      case IllegalArgumentException invalid -> JobFailure.rejected(ErrorCodes.INVALID_INPUT, invalid.getMessage());
      case EngineFailureException failed -> JobFailure.failed(ErrorCodes.ENGINE_FAILED,
          "the model failed on this job: " + failed.getMessage(), failed);
      default -> {
        log.atError().setCause(error).addKeyValue("job_id", job.jobId())
            .log("unexpected error while processing a job; it is reported as failed with INTERNAL_ERROR");
        yield JobFailure.failed(ErrorCodes.INTERNAL_ERROR, "the worker failed on this job ("
            + error.getClass().getSimpleName() + ": " + error.getMessage() + "); see the worker's logs", error);
      }
    };
  }

  private CompletableFuture<Void> publish(Run run, Outcome outcome) {
    run.checkNotCancelled();
    ConsumerRecord<byte[], byte[]> record = run.record;
    String jobId = outcome.job() != null ? outcome.job().jobId() : fallbackJobId(record);
    String kind = outcome.job() != null ? JobRequests.kind(outcome.job()) : UNKNOWN_KIND;
    Instant now = clock.instant();
    Instant recorded = Instant.ofEpochMilli(Math.max(0, record.timestamp()));
    long queuedMs = Math.max(0, Duration.between(recorded, run.received).toMillis());
    long totalMs = Math.max(queuedMs, Duration.between(recorded, now).toMillis());
    CompletionEvent event = new CompletionEvent(
        jobId + "@" + record.topic() + "-" + record.partition() + "-" + record.offset(),
        settings.source(), now,
        new CompletionEvent.Result(jobId, outcome.status(), outcome.outputs(), outcome.caption(),
            new CompletionEvent.Timings(queuedMs, outcome.stages(), totalMs), settings.bundle(), outcome.error(),
            outcome.job() != null ? outcome.job().metadata() : Map.of()));

    CompletableFuture<?> before = CompletableFuture.completedFuture(null);
    if (outcome.error().isPresent()) {
      ErrorInfo error = outcome.error().get();
      DeadLetter letter = new DeadLetter(new DeadLetter.OriginalRecord(record.topic(), record.partition(),
          record.offset(), record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
          DeadLetter.Payload.of(record.value())), error, now);
      before = publisher.deadLetter(letter, record.key()).thenRun(() -> observer.deadLettered(error.code()));
    }
    return before
        .thenCompose(ignored -> publisher.publish(event))
        .thenRun(() -> {
          observer.completed(kind, outcome.status(), Duration.ofMillis(totalMs));
          var entry = outcome.status() == Status.SUCCEEDED ? log.atInfo() : log.atWarn();
          entry.addKeyValue("job_id", jobId).addKeyValue("kind", kind)
              .addKeyValue("status", outcome.status().wireName())
              .addKeyValue("topic", record.topic()).addKeyValue("partition", record.partition())
              .addKeyValue("offset", record.offset()).addKeyValue("total_ms", totalMs)
              .log(outcome.error().map(e -> "job " + jobId + " " + outcome.status().wireName() + ": " + e.code()
                  + ": " + e.message()).orElse("job " + jobId + " succeeded in " + totalMs + " ms"));
        });
  }

  /** The job id of a record that did not decode: its key if that is a valid job id. */
  static String fallbackJobId(ConsumerRecord<byte[], byte[]> record) {
    if (record.key() != null) {
      String key = new String(record.key(), StandardCharsets.UTF_8);
      if (JOB_ID.matcher(key).matches()) {
        return key;
      }
    }
    return "dlq-" + record.topic() + "-" + record.partition() + "-" + record.offset();
  }

  private static RequestTimings timings(GenerationResult result) {
    return switch (result) {
      case GenerationResult.Caption caption -> caption.timings();
      case GenerationResult.Image image -> image.timings();
      case GenerationResult.Interleaved interleaved -> interleaved.timings();
    };
  }

  private static void addEngineTimings(Map<String, Long> stages, RequestTimings timings) {
    stages.put("engine_queue", timings.queued().toMillis());
    timings.running().forEach((stage, time) -> stages.put(stage.name().toLowerCase(Locale.ROOT), time.toMillis()));
  }

  private static <T> T timed(Map<String, Long> stages, String stage, Supplier<T> step) {
    long start = System.nanoTime();
    try {
      return step.get();
    } finally {
      stages.put(stage, Duration.ofNanos(System.nanoTime() - start).toMillis());
    }
  }

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** How a job ended, before its event is made. */
  private record Outcome(Job job, Status status, Outputs outputs, Optional<String> caption,
      Optional<ErrorInfo> error, Map<String, Long> stages) {
    static Outcome succeeded(Job job, Outputs outputs, Optional<String> caption, Map<String, Long> stages) {
      return new Outcome(job, Status.SUCCEEDED, outputs, caption, Optional.empty(), Map.copyOf(stages));
    }

    static Outcome unsuccessful(Job job, Status status, ErrorInfo error, Map<String, Long> stages) {
      return new Outcome(job, status, Outputs.NONE, Optional.empty(), Optional.of(error), Map.copyOf(stages));
    }
  }

  /** One record's processing: what cancelling it must reach. */
  private static final class Run {
    final ConsumerRecord<byte[], byte[]> record;
    final Instant received;
    volatile boolean cancelled;
    volatile CompletableFuture<GenerationResult> generation;

    Run(ConsumerRecord<byte[], byte[]> record, Instant received) {
      this.record = record;
      this.received = received;
    }

    void cancel() {
      cancelled = true;
      CompletableFuture<GenerationResult> g = generation;
      if (g != null) {
        g.cancel(false);
      }
    }

    void checkNotCancelled() {
      if (cancelled) {
        throw new CancellationException("job at " + record.topic() + "-" + record.partition() + "@"
            + record.offset() + " was cancelled");
      }
    }
  }
}
