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
import io.dreamworker.worker.events.EventRecords;
import io.dreamworker.worker.ingest.Abandonment;
import io.dreamworker.worker.ingest.Attempt;
import io.dreamworker.worker.ingest.InFlightJob;
import io.dreamworker.worker.ingest.RecordHandler;
import io.dreamworker.worker.ingest.Settlement;
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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processing of one job record, assembled in one place: decode → fetch inputs → generate →
 * write outputs → the records to publish (a dead letter when the job did not succeed, then the
 * completion event), which the consumer loop publishes with the offset commit that settles the job.
 * Every step but generation runs on the I/O executor; generation runs on the engine's thread;
 * nothing runs on the consumer thread beyond starting the chain.
 *
 * <p>Every record ends in exactly one completion event, whatever is wrong with it: bad input
 * becomes a {@code rejected} event, a step that keeps failing a {@code failed} one, each with a dead
 * letter carrying the original record. An engine failure is a {@link Settlement.Retry}: the job may
 * have failed because of what it was batched with, so the loop tries it again while it has attempts
 * left. The returned job's future is cancelled when the job was cancelled.
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
  private final EventRecords records;
  private final FaultInjection faults;
  private final ProcessorSettings settings;
  private final JobObserver observer;
  private final Executor io;
  private final Clock clock;

  /**
   * @param io runs the blocking steps (S3 reads and writes with their retries, waiting for acks);
   *     virtual threads suit it, since each job spends most of its time waiting
   */
  public JobProcessor(JobCodec codec, InputFetcher inputs, Generator generator, OutputStore outputs,
      EventRecords records, FaultInjection faults, ProcessorSettings settings, JobObserver observer, Executor io,
      Clock clock) {
    this.codec = Objects.requireNonNull(codec, "codec");
    this.inputs = Objects.requireNonNull(inputs, "inputs");
    this.generator = Objects.requireNonNull(generator, "generator");
    this.outputs = Objects.requireNonNull(outputs, "outputs");
    this.records = Objects.requireNonNull(records, "records");
    this.faults = Objects.requireNonNull(faults, "faults");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.io = Objects.requireNonNull(io, "io");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public InFlightJob handle(ConsumerRecord<byte[], byte[]> record, Attempt attempt) {
    Run run = new Run(record, clock.instant(), attempt);
    CompletableFuture<Long> cost = new CompletableFuture<>();
    CompletableFuture<Settlement> done = CompletableFuture
        .supplyAsync(() -> decode(record), io)
        .thenCompose(decoded -> switch (decoded) {
          case Decoded.Valid(Job job) -> {
            cost.complete(JobCost.of(job));
            yield process(run, job);
          }
          case Decoded.Invalid invalid -> CompletableFuture.completedFuture(
              Outcome.unsuccessful(null, Status.REJECTED, ErrorInfo.of(invalid), Map.of()));
        })
        .thenApply(outcome -> settlement(run, outcome));
    // A record that never got as far as its cost (cancelled first) weighs nothing.
    done.whenComplete((settlement, error) -> cost.complete(0L));
    return new InFlightJob(done, run::cancel, cost);
  }

  @Override
  public InFlightJob abandon(ConsumerRecord<byte[], byte[]> record, Abandonment why) {
    Run run = new Run(record, clock.instant(), null);
    CompletableFuture<Settlement> done = CompletableFuture
        .supplyAsync(() -> decode(record), io)
        .thenApply(decoded -> settlement(run, switch (decoded) {
          case Decoded.Valid(Job job) -> Outcome.unsuccessful(job, Status.FAILED, abandonment(why), Map.of());
          // A record that does not decode fails to at once, and never stays in flight; should one
          // have, its own error says more than the abandonment.
          case Decoded.Invalid invalid -> Outcome.unsuccessful(null, Status.REJECTED, ErrorInfo.of(invalid), Map.of());
        }));
    return new InFlightJob(done, run::cancel, CompletableFuture.completedFuture(0L));
  }

  private Decoded decode(ConsumerRecord<byte[], byte[]> record) {
    return codec.decode(record.value() == null ? new byte[0] : record.value());
  }

  private static ErrorInfo abandonment(Abandonment why) {
    return switch (why) {
      case Abandonment.WorkersLost lost -> new ErrorInfo(ErrorCodes.WORKERS_LOST, "the job was in flight on "
          + lost.attempts() + " workers that stopped before finishing it (crashed, killed or cut off from Kafka);"
          + " it is not run again, since it may be what stops them");
      case Abandonment.TimedOut timedOut -> new ErrorInfo(ErrorCodes.TIMED_OUT, "the job ran longer than "
          + timedOut.timeout() + " (jobs.attempt-timeout) on its last attempt, attempt " + timedOut.attempts()
          + "; it was cancelled");
    };
  }

  /** The outcome of a valid job; completes exceptionally only when the job was cancelled. */
  private CompletableFuture<Outcome> process(Run run, Job job) {
    Map<String, Long> stages = new LinkedHashMap<>();
    return CompletableFuture
        .supplyAsync(() -> timed(stages, "fetch", () -> fetchInputs(job)), io)
        .thenCompose(images -> {
          run.checkNotCancelled();
          CompletableFuture<GenerationResult> generation = generate(job, images);
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
          Throwable cause = unwrap(error);
          JobFailure failure = classify(run, job, cause);
          Outcome outcome = Outcome.unsuccessful(job, failure.status(), failure.error(), stages);
          return CompletableFuture.completedFuture(cause instanceof EngineFailureException ? outcome.asRetryable() : outcome);
        });
  }

  /** The engine's generation of {@code job}, or the fault the job asks for when faults are injected. */
  private CompletableFuture<GenerationResult> generate(Job job, List<byte[]> images) {
    Optional<FaultInjection.Fault> fault = faults.of(job);
    if (fault.isEmpty()) {
      return generator.submit(JobRequests.of(job, images));
    }
    log.warn("job {} asks for the fault {}, and fault injection is on", job.jobId(), fault.get().wireName());
    return switch (fault.get()) {
      case CRASH -> {
        faults.crash();
        yield new CompletableFuture<>();
      }
      case ENGINE_FAILURE -> CompletableFuture.failedFuture(
          new EngineFailureException("injected engine failure (" + FaultInjection.METADATA_KEY + ")", null));
      case HANG -> new CompletableFuture<>();
    };
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
          "the model failed on this job" + (run.attempt == null ? "" : " (attempt " + run.attempt.number() + " of "
              + run.attempt.max() + ")") + ": " + failed.getMessage(), failed);
      default -> {
        log.atError().setCause(error).addKeyValue("job_id", job.jobId())
            .log("unexpected error while processing a job; it is reported as failed with INTERNAL_ERROR");
        yield JobFailure.failed(ErrorCodes.INTERNAL_ERROR, "the worker failed on this job ("
            + error.getClass().getSimpleName() + ": " + error.getMessage() + "); see the worker's logs", error);
      }
    };
  }

  /** The records that settle {@code outcome}: a dead letter when it did not succeed, then the event. */
  private Settlement settlement(Run run, Outcome outcome) {
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

    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(2);
    outcome.error().ifPresent(error -> out.add(records.deadLetter(new DeadLetter(new DeadLetter.OriginalRecord(
        record.topic(), record.partition(), record.offset(),
        record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
        DeadLetter.Payload.of(record.value())), error, now), record.key())));
    out.add(records.event(event));
    Settlement.Publish publish = new Settlement.Publish(out, () -> {
      outcome.error().ifPresent(error -> observer.deadLettered(error.code()));
      observer.completed(kind, outcome.status(), Duration.ofMillis(totalMs));
      var entry = outcome.status() == Status.SUCCEEDED ? log.atInfo() : log.atWarn();
      entry.addKeyValue("job_id", jobId).addKeyValue("kind", kind)
          .addKeyValue("status", outcome.status().wireName())
          .addKeyValue("topic", record.topic()).addKeyValue("partition", record.partition())
          .addKeyValue("offset", record.offset()).addKeyValue("total_ms", totalMs)
          .log(outcome.error().map(e -> "job " + jobId + " " + outcome.status().wireName() + ": " + e.code()
              + ": " + e.message()).orElse("job " + jobId + " succeeded in " + totalMs + " ms"));
    });
    return outcome.retryable()
        ? new Settlement.Retry(outcome.error().map(ErrorInfo::message).orElse("retryable failure"), publish)
        : publish;
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

  /**
   * How a job ended, before its event is made.
   *
   * @param retryable another attempt may succeed where this one failed (the engine failed)
   */
  private record Outcome(Job job, Status status, Outputs outputs, Optional<String> caption,
      Optional<ErrorInfo> error, Map<String, Long> stages, boolean retryable) {
    static Outcome succeeded(Job job, Outputs outputs, Optional<String> caption, Map<String, Long> stages) {
      return new Outcome(job, Status.SUCCEEDED, outputs, caption, Optional.empty(), Map.copyOf(stages), false);
    }

    static Outcome unsuccessful(Job job, Status status, ErrorInfo error, Map<String, Long> stages) {
      return new Outcome(job, status, Outputs.NONE, Optional.empty(), Optional.of(error), Map.copyOf(stages), false);
    }

    Outcome asRetryable() {
      return new Outcome(job, status, outputs, caption, error, stages, true);
    }
  }

  /** One record's processing: what cancelling it must reach. */
  private static final class Run {
    final ConsumerRecord<byte[], byte[]> record;
    final Instant received;
    /** Which attempt this is; null for an abandoned record, which is not run. */
    final Attempt attempt;
    volatile boolean cancelled;
    volatile CompletableFuture<GenerationResult> generation;

    Run(ConsumerRecord<byte[], byte[]> record, Instant received, Attempt attempt) {
      this.record = record;
      this.received = received;
      this.attempt = attempt;
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
