package io.dreamworker.worker.service;

import io.dreamworker.schemas.CompletionEvent.Status;
import io.dreamworker.worker.config.HttpSettings;
import io.dreamworker.worker.ingest.LoopObserver;
import io.dreamworker.worker.ops.Liveness;
import io.dreamworker.worker.ops.MicrometerEngineMetrics;
import io.dreamworker.worker.ops.OpsHttpServer;
import io.dreamworker.worker.ops.PrometheusMetrics;
import io.dreamworker.worker.ops.Readiness;
import io.dreamworker.worker.ops.WorkerMetrics;
import io.dreamworker.worker.processing.JobObserver;
import io.dreamworker.worker.storage.Operation;
import io.dreamworker.worker.storage.Outcome;
import io.dreamworker.worker.storage.StorageListener;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * The worker's metrics, readiness and liveness, served over HTTP, and the {@link WorkerHooks} that
 * feed them. Started before the bundle loads, so that {@code /healthz} answers (and {@code /readyz}
 * says what it waits for) during a load that can take minutes.
 */
public final class Telemetry implements AutoCloseable {
  /** The condition of {@code /readyz} set once the bundle is loaded and the engine started. */
  public static final String BUNDLE_LOADED = "bundle-loaded";
  /** The condition of {@code /readyz} that holds while this worker owns at least one partition. */
  public static final String PARTITIONS_ASSIGNED = "partitions-assigned";
  /**
   * How long the consumer loop may go without a turn before {@code /healthz} fails. A turn takes at
   * most the poll timeout plus a commit, or a rebalance callback's synchronous commit; a minute
   * without one means the loop is stuck, and a restart redoes its jobs.
   */
  public static final Duration LOOP_MAX_SILENCE = Duration.ofSeconds(60);

  private final PrometheusMetrics metrics;
  private final WorkerMetrics workerMetrics;
  private final Readiness.Flag bundleLoaded;
  private final Readiness.Flag partitionsAssigned;
  private final Liveness liveness;
  private final OpsHttpServer server;
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong inFlightCost = new AtomicLong();
  private final AtomicLong paused = new AtomicLong();
  private final AtomicReference<Map<String, Long>> lag = new AtomicReference<>(Map.of());
  private final AtomicLong assigned = new AtomicLong();
  private volatile Liveness.Heartbeat loopHeartbeat;

  private Telemetry(PrometheusMetrics metrics, Readiness.Flag bundleLoaded, Readiness.Flag partitionsAssigned,
      Liveness liveness, OpsHttpServer server) {
    this.metrics = metrics;
    this.workerMetrics = new WorkerMetrics(metrics.registry());
    this.bundleLoaded = bundleLoaded;
    this.partitionsAssigned = partitionsAssigned;
    this.liveness = liveness;
    this.server = server;
    workerMetrics.gaugeJobsInFlight(inFlight::get);
    workerMetrics.gaugeInFlightCost(inFlightCost::get);
    workerMetrics.gaugePartitionsPaused(paused::get);
    workerMetrics.gaugePartitionsAssigned(assigned::get);
    workerMetrics.gaugeConsumerLag(this::consumerLag);
  }

  /** Starts the HTTP server; not ready until {@link #bundleLoaded()} and a partition assignment. */
  public static Telemetry start(HttpSettings http) throws IOException {
    PrometheusMetrics metrics = PrometheusMetrics.withJvmMetrics();
    Readiness readiness = new Readiness();
    Liveness liveness = new Liveness();
    // Register the conditions before the server answers: no conditions would read as ready.
    Readiness.Flag bundleLoaded = readiness.flag(BUNDLE_LOADED);
    Readiness.Flag partitionsAssigned = readiness.flag(PARTITIONS_ASSIGNED);
    OpsHttpServer server;
    try {
      server = OpsHttpServer.start(http.host(), http.port(), metrics, readiness, liveness);
    } catch (IOException | RuntimeException e) {
      metrics.close();
      throw e;
    }
    return new Telemetry(metrics, bundleLoaded, partitionsAssigned, liveness, server);
  }

  /** The bundle is loaded and the engine runs; the consumer loop starts next. */
  public void bundleLoaded() {
    bundleLoaded.set();
    loopHeartbeat = liveness.heartbeat("consumer-loop", LOOP_MAX_SILENCE);
  }

  /** The port the HTTP server listens on (the configured one, or the free one picked for 0). */
  public int port() {
    return server.port();
  }

  /** The hooks that feed these metrics and conditions. */
  public WorkerHooks hooks() {
    return new WorkerHooks(new MicrometerEngineMetrics(metrics.registry()), storageListener(), jobObserver(),
        loopObserver());
  }

  private StorageListener storageListener() {
    return new StorageListener() {
      @Override
      public void retried(Operation operation, int failedAttempt, Throwable cause) {
        workerMetrics.s3Retried(operation.label());
      }

      @Override
      public void completed(Operation operation, Duration elapsed, Outcome outcome) {
        workerMetrics.s3Request(operation.label(), outcome.label(), elapsed);
      }
    };
  }

  private JobObserver jobObserver() {
    return new JobObserver() {
      @Override
      public void completed(String kind, Status status, Duration total) {
        workerMetrics.jobCompleted(kind, status.wireName(), total);
      }

      @Override
      public void deadLettered(String code) {
        workerMetrics.deadLettered(code);
      }
    };
  }

  private LoopObserver loopObserver() {
    return new LoopObserver() {
      @Override
      public void assignmentChanged(Set<TopicPartition> partitions) {
        assigned.set(partitions.size());
        partitionsAssigned.set(!partitions.isEmpty());
      }

      @Override
      public void turn(int jobs, long cost, int pausedPartitions, Map<String, Long> lagRecordsByTopic) {
        inFlight.set(jobs);
        inFlightCost.set(cost);
        paused.set(pausedPartitions);
        lag.set(Map.copyOf(lagRecordsByTopic));
        Liveness.Heartbeat heartbeat = loopHeartbeat;
        if (heartbeat != null) {
          heartbeat.beat();
        }
      }

      @Override
      public void committed(int records, Duration took) {
        workerMetrics.committed(records, took);
      }

      @Override
      public void commitAborted(Exception cause, boolean rebalanced) {
        workerMetrics.commitAborted(rebalanced);
      }

      @Override
      public void skippedDone(TopicPartition partition) {
        workerMetrics.skippedDone();
      }

      @Override
      public void retried(TopicPartition partition) {
        workerMetrics.retried();
      }

      @Override
      public void abandoned(String reason) {
        workerMetrics.abandoned(reason);
      }

      @Override
      public void metadataFull(TopicPartition partition) {
        workerMetrics.metadataFull();
      }
    };
  }

  /** The consumer's lag summed over this worker's partitions, as of the loop's last turn. */
  public long consumerLag() {
    return lag.get().values().stream().mapToLong(Long::longValue).sum();
  }

  /** The consumer's lag per topic, as of the loop's last turn. */
  public Map<String, Long> consumerLagByTopic() {
    return lag.get();
  }

  /** Jobs in flight, as of the loop's last turn. */
  public long jobsInFlight() {
    return inFlight.get();
  }

  @Override
  public void close() {
    server.close();
    metrics.close();
  }
}
