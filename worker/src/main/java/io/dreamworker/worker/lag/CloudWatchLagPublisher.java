package io.dreamworker.worker.lag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;

/**
 * The CloudWatch {@link LagPublisher}: one round per interval, at the middle of each period of
 * {@link PublishSchedule}, each round one {@link LagSource#sample()} and as many PutMetricData
 * calls as the data points need.
 *
 * <p>Concurrency: rounds run on one daemon thread of a single-threaded scheduler, so rounds never
 * overlap and the source is never called concurrently with itself; a round that overruns delays
 * the next (fixed rate, no catch-up burst beyond one). The counters are atomics read from any
 * thread. {@link #close()} may come from any thread: it stops the scheduler, interrupting a call in
 * progress (a sample taken while the worker drains is worthless), waits briefly for the thread,
 * then closes the client if this publisher created it.
 */
final class CloudWatchLagPublisher implements LagPublisher {

  private static final Logger log = LoggerFactory.getLogger(CloudWatchLagPublisher.class);

  /** Data points per PutMetricData call: the API's historical limit, which every endpoint accepts. */
  static final int MAX_DATUMS_PER_REQUEST = 20;
  /** How long close waits for an interrupted round before it goes on without it. */
  static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
  /** The publisher thread's name, as it appears in thread dumps. */
  static final String THREAD_NAME = "dreamworker-lag-publisher";

  private final String namespace;
  private final String consumerGroup;
  private final LagSource source;
  private final CloudWatchClient client;
  private final boolean ownsClient;
  private final Clock clock;
  private final PublishSchedule schedule;
  private final ScheduledExecutorService scheduler;

  private final AtomicLong publishedRounds = new AtomicLong();
  private final AtomicLong failedRounds = new AtomicLong();
  /** Failures since the last success: the first of a run is logged with its stack trace, the rest in one line. */
  private final AtomicLong failuresInARow = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();

  private CloudWatchLagPublisher(LagPublisherOptions options, String consumerGroup, LagSource source,
      CloudWatchClient client, boolean ownsClient, Clock clock) {
    this.namespace = options.namespace();
    this.consumerGroup = consumerGroup;
    this.source = source;
    this.client = client;
    this.ownsClient = ownsClient;
    this.clock = clock;
    this.schedule = new PublishSchedule(options.interval());
    this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, THREAD_NAME);
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * A publisher whose rounds start at the next middle of a period.
   *
   * @param ownsClient whether {@link #close()} closes {@code client}
   */
  static CloudWatchLagPublisher start(LagPublisherOptions options, String consumerGroup, LagSource source,
      CloudWatchClient client, boolean ownsClient, Clock clock) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(clock, "clock");
    if (consumerGroup == null || consumerGroup.isBlank()) {
      throw new IllegalArgumentException("the lag publisher needs the consumer group (kafka.group-id), got '"
          + consumerGroup + "'");
    }
    CloudWatchLagPublisher publisher =
        new CloudWatchLagPublisher(options, consumerGroup, source, client, ownsClient, clock);
    long delayNanos = publisher.schedule.delayToNextRun(clock.instant()).toNanos();
    publisher.scheduler.scheduleAtFixedRate(
        publisher::publishOnce, delayNanos, options.interval().toNanos(), TimeUnit.NANOSECONDS);
    log.info("lag publisher: consumer group {} to CloudWatch namespace {} every {}s, first in {} ms",
        consumerGroup, options.namespace(), options.interval().toSeconds(), TimeUnit.NANOSECONDS.toMillis(delayNanos));
    return publisher;
  }

  /** One round: sample, stamp with the period's start, put. Never throws. */
  void publishOnce() {
    Instant periodStart = schedule.periodStart(clock.instant());
    try {
      List<MetricDatum> datums = LagMetrics.datums(consumerGroup, source.sample(), periodStart);
      for (int from = 0; from < datums.size(); from += MAX_DATUMS_PER_REQUEST) {
        List<MetricDatum> chunk = datums.subList(from, Math.min(datums.size(), from + MAX_DATUMS_PER_REQUEST));
        client.putMetricData(PutMetricDataRequest.builder().namespace(namespace).metricData(chunk).build());
      }
      publishedRounds.incrementAndGet();
      failuresInARow.set(0);
    } catch (RuntimeException | LinkageError failure) {
      if (closed.get()) {
        return; // interrupted by close: not a failure of the publisher
      }
      failedRounds.incrementAndGet();
      String message = "lag publisher: the round of period " + periodStart + " failed for consumer group "
          + consumerGroup + " (" + failure + "); the next runs in " + schedule.interval().toSeconds()
          + "s. Check that the role may cloudwatch:PutMetricData in namespace " + namespace
          + " and that the CloudWatch endpoint is reachable over HTTPS";
      if (failuresInARow.incrementAndGet() == 1) {
        log.warn(message, failure);
      } else {
        log.warn(message);
      }
    }
  }

  @Override
  public long publishedRounds() {
    return publishedRounds.get();
  }

  @Override
  public long failedRounds() {
    return failedRounds.get();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("lag publisher: a round still runs {} s after close; leaving its daemon thread behind",
            CLOSE_WAIT.toSeconds());
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    } finally {
      if (ownsClient) {
        client.close();
      }
    }
  }
}
