package io.dreamworker.worker.ops;

import io.dreamworker.model.engine.EngineMetrics;
import io.dreamworker.model.engine.scheduling.SchedulerSnapshot;
import io.dreamworker.model.engine.scheduling.Stage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's reports ({@link EngineMetrics}) as Micrometer meters named
 * {@code dreamworker_engine_*}: batch rows, batch duration and queue wait per stage; tokens,
 * images, and requests by kind and outcome; and the scheduler's last snapshot as gauges (queued
 * items per stage, running sequences, KV-cache reservation, diffusion rows in flight).
 *
 * <p>Threading: every report arrives on the engine thread, which runs the model between them, so
 * each call is an array or map lookup and an atomic update. Meters of a stage are registered up
 * front; those keyed by a request's kind and outcome on first use. A failure inside Micrometer is
 * swallowed and logged once: the engine must never stop over its metrics.
 */
public final class MicrometerEngineMetrics implements EngineMetrics {
  private static final Logger LOG = LoggerFactory.getLogger(MicrometerEngineMetrics.class);

  /** Batch calls take from a millisecond (a decode step of a small model) to seconds (a big VAE decode). */
  private static final Duration[] BATCH_DURATION_BUCKETS = millis(1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000,
      2_500, 5_000, 10_000);
  /** Queue waits run from next to nothing (the batch was ready) to seconds (admission waits for KV cache). */
  private static final Duration[] QUEUE_WAIT_BUCKETS = millis(1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 5_000,
      30_000);
  /** A request takes from a fraction of a second (a caption) to minutes (an interleaved story). */
  private static final Duration[] REQUEST_DURATION_BUCKETS = millis(100, 250, 500, 1_000, 2_500, 5_000, 10_000,
      30_000, 60_000, 120_000, 300_000, 600_000);

  private final MeterRegistry registry;
  private final Map<Stage, DistributionSummary> batchRows = new EnumMap<>(Stage.class);
  private final Map<Stage, Timer> batchDuration = new EnumMap<>(Stage.class);
  private final Map<Stage, Timer> queueWait = new EnumMap<>(Stage.class);
  private final Counter tokens;
  private final Counter images;
  private final Map<String, Counter> requests = new ConcurrentHashMap<>();
  private final Map<String, Timer> requestDuration = new ConcurrentHashMap<>();
  // Written by the engine thread, read by scrapes.
  private volatile SchedulerSnapshot lastSnapshot;
  private final AtomicBoolean failureLogged = new AtomicBoolean();

  /** Registers the engine's meters on {@code registry}. */
  public MicrometerEngineMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (Stage stage : Stage.values()) {
      String tag = stageTag(stage);
      batchRows.put(stage, DistributionSummary.builder("dreamworker.engine.batch.rows")
          .description("Rows of one batched call").tag("stage", tag).register(registry));
      batchDuration.put(stage, Timer.builder("dreamworker.engine.batch.duration")
          .description("Duration of one batched call").tag("stage", tag)
          .serviceLevelObjectives(BATCH_DURATION_BUCKETS).register(registry));
      queueWait.put(stage, Timer.builder("dreamworker.engine.queue.wait")
          .description("Time a work item waited in its stage's queue").tag("stage", tag)
          .serviceLevelObjectives(QUEUE_WAIT_BUCKETS).register(registry));
      snapshotGauge("dreamworker.engine.queued.items", "Work items waiting in a stage's queue", tag,
          s -> s.queuedItems().getOrDefault(stage, 0));
    }
    tokens = Counter.builder("dreamworker.engine.tokens").description("Tokens generated").register(registry);
    images = Counter.builder("dreamworker.engine.images").description("Images generated").register(registry);
    snapshotGauge("dreamworker.engine.running.sequences", "Requests holding a KV-cache reservation", null,
        SchedulerSnapshot::runningSequences);
    snapshotGauge("dreamworker.engine.waiting.for.admission", "Requests waiting for a KV-cache reservation", null,
        SchedulerSnapshot::waitingForAdmission);
    snapshotGauge("dreamworker.engine.kv.reserved.tokens", "KV-cache positions reserved by running requests", null,
        SchedulerSnapshot::reservedKvTokens);
    snapshotGauge("dreamworker.engine.kv.budget.tokens", "KV-cache positions the engine may reserve", null,
        SchedulerSnapshot::kvCacheBudgetTokens);
    snapshotGauge("dreamworker.engine.diffusion.rows.in.flight", "Latent rows between first and last denoising step",
        null, SchedulerSnapshot::diffusionRowsInFlight);
  }

  @Override
  public void batchExecuted(Stage stage, int rows, long durationNanos) {
    try {
      batchRows.get(stage).record(rows);
      batchDuration.get(stage).record(durationNanos, TimeUnit.NANOSECONDS);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void queueWait(Stage stage, long waitNanos) {
    try {
      queueWait.get(stage).record(waitNanos, TimeUnit.NANOSECONDS);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void tokensGenerated(int count) {
    try {
      tokens.increment(count);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void imageGenerated() {
    try {
      images.increment();
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void requestEnded(String kind, String outcome, long totalNanos) {
    try {
      // kind and outcome come from the engine's own small sets, so the number of series stays small.
      String key = kind + '\0' + outcome;
      requests.computeIfAbsent(key, k -> Counter.builder("dreamworker.engine.requests")
          .description("Engine requests that ended, by kind and outcome")
          .tag("kind", kind).tag("outcome", outcome).register(registry)).increment();
      requestDuration.computeIfAbsent(key, k -> Timer.builder("dreamworker.engine.request.duration")
          .description("Time from submission to the end of an engine request")
          .tag("kind", kind).tag("outcome", outcome)
          .serviceLevelObjectives(REQUEST_DURATION_BUCKETS).register(registry))
          .record(totalNanos, TimeUnit.NANOSECONDS);
    } catch (RuntimeException e) {
      failed(e);
    }
  }

  @Override
  public void snapshot(SchedulerSnapshot snapshot) {
    lastSnapshot = snapshot;
  }

  private void snapshotGauge(String name, String description, String stageTag,
      ToDoubleFunction<SchedulerSnapshot> value) {
    Gauge.Builder<MicrometerEngineMetrics> b = Gauge.builder(name, this, m -> {
      SchedulerSnapshot s = m.lastSnapshot;
      return s == null ? 0 : value.applyAsDouble(s);
    }).description(description).strongReference(true); // Micrometer holds gauge objects weakly by default.
    if (stageTag != null) {
      b.tag("stage", stageTag);
    }
    b.register(registry);
  }

  private void failed(RuntimeException e) {
    if (failureLogged.compareAndSet(false, true)) {
      LOG.warn("an engine metric failed to record; later failures are not logged", e);
    }
  }

  /** {@code VAE_DECODE} → {@code vae_decode}. */
  static String stageTag(Stage stage) {
    return stage.name().toLowerCase(Locale.ROOT);
  }

  private static Duration[] millis(long... values) {
    Duration[] out = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Duration.ofMillis(values[i]);
    }
    return out;
  }
}
