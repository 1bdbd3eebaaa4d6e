package io.dreamworker.worker.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The worker's own meters: jobs by type and status with their end-to-end duration, in-flight
 * jobs, partitions, consumer lag, dead letters, and S3 requests and retries. Plain methods for
 * the code that sees these events; gauges read suppliers the owning code registers once.
 *
 * <p>The job series for every known type and status exist from the start at zero, so that
 * {@code rate()} and alerts work before the first job. Tag values that come from outside (a job's
 * type) are folded into known sets; values from the worker's own code (a status, an S3 outcome)
 * are trusted and kept small by that code.
 */
public final class WorkerMetrics {
  /** Job types as tagged; anything else (an undecodable record) is {@code unknown}. */
  public static final List<String> JOB_TYPES = List.of("caption", "text_to_image", "interleaved", "unknown");
  /** Job statuses as tagged. */
  public static final List<String> JOB_STATUSES = List.of("succeeded", "failed", "rejected");
  /** The S3 operations tagged: reading inputs and writing outputs. */
  public static final Set<String> S3_OPERATIONS = Set.of("get", "put");

  /** Jobs take from a second (a caption) to minutes (an interleaved story waiting its turn). */
  private static final Duration[] JOB_DURATION_BUCKETS = seconds(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300,
      600, 1_800);
  /** S3 requests take milliseconds; retries and large images stretch them to seconds. */
  private static final Duration[] S3_DURATION_BUCKETS = seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
      10, 30);

  private final MeterRegistry registry;
  private final Map<String, Counter> jobs = new ConcurrentHashMap<>();
  private final Map<String, Timer> jobDuration = new ConcurrentHashMap<>();
  private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
  private final Map<String, Counter> s3Retries = new ConcurrentHashMap<>();
  private final Map<String, Timer> s3Requests = new ConcurrentHashMap<>();
  private final Set<String> gauges = ConcurrentHashMap.newKeySet();
  private final Timer commits;
  private final Map<String, Counter> commitsAborted = new ConcurrentHashMap<>();
  private final Counter recordsPublished;
  private final Counter skippedDone;
  private final Counter retries;
  private final Map<String, Counter> abandoned = new ConcurrentHashMap<>();
  private final Counter metadataFull;

  /** Commits take milliseconds on a healthy cluster; seconds mean trouble. */
  private static final Duration[] COMMIT_DURATION_BUCKETS = seconds(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5,
      1, 2.5, 5, 10);
  /** Why a commit was aborted, as tagged. */
  public static final List<String> ABORT_REASONS = List.of("rebalance", "error");
  /** Why a job was given up, as tagged. */
  public static final List<String> ABANDON_REASONS = List.of("workers_lost", "timed_out");

  /** Registers the job series on {@code registry}; the rest appear on first use or registration. */
  public WorkerMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (String type : JOB_TYPES) {
      for (String status : JOB_STATUSES) {
        jobCounter(type, status);
        jobTimer(type, status);
      }
    }
    commits = Timer.builder("dreamworker.commits").description("Commits of events with the offsets they settle"
        + " (transactions in the exactly-once mode), by duration").serviceLevelObjectives(COMMIT_DURATION_BUCKETS)
        .register(registry);
    ABORT_REASONS.forEach(this::abortCounter);
    recordsPublished = Counter.builder("dreamworker.records.published")
        .description("Completion events and dead letters published by committed commits").register(registry);
    skippedDone = Counter.builder("dreamworker.records.skipped")
        .description("Fetched records skipped because a commit's metadata marks them done (after a takeover)")
        .register(registry);
    retries = Counter.builder("dreamworker.job.retries")
        .description("Job attempts that failed (engine failure, timeout) and were tried again").register(registry);
    ABANDON_REASONS.forEach(this::abandonCounter);
    metadataFull = Counter.builder("dreamworker.partitions.metadata.full")
        .description("Times a partition stopped taking records because its commit metadata would not fit")
        .register(registry);
  }

  /** A commit succeeded after {@code took}, publishing {@code records} events and dead letters. */
  public void committed(int records, Duration took) {
    commits.record(took);
    recordsPublished.increment(records);
  }

  /** A commit was aborted: because the group is rebalancing, or for another error. */
  public void commitAborted(boolean rebalance) {
    abortCounter(rebalance ? "rebalance" : "error").increment();
  }

  /** A fetched record was skipped as done. */
  public void skippedDone() {
    skippedDone.increment();
  }

  /** A job's attempt failed and it is tried again. */
  public void retried() {
    retries.increment();
  }

  /**
   * A job was given up without another attempt.
   *
   * @throws IllegalArgumentException for a reason not in {@link #ABANDON_REASONS}
   */
  public void abandoned(String reason) {
    if (!ABANDON_REASONS.contains(reason)) {
      throw new IllegalArgumentException("abandon reason \"" + reason + "\" is not one of " + ABANDON_REASONS);
    }
    abandonCounter(reason).increment();
  }

  /** A partition stopped taking records because its commit metadata is full. */
  public void metadataFull() {
    metadataFull.increment();
  }

  /** The estimated cost of the jobs in flight, read at each scrape. */
  public void gaugeInFlightCost(LongSupplier cost) {
    gauge("dreamworker.jobs.in.flight.cost", "Estimated model passes of the jobs in flight", cost);
  }

  private Counter abortCounter(String reason) {
    return commitsAborted.computeIfAbsent(reason, r -> Counter.builder("dreamworker.commits.aborted")
        .description("Commits aborted (nothing of them counts; retried), by reason").tag("reason", r)
        .register(registry));
  }

  private Counter abandonCounter(String reason) {
    return abandoned.computeIfAbsent(reason, r -> Counter.builder("dreamworker.jobs.abandoned")
        .description("Jobs given up without another attempt, by reason").tag("reason", r).register(registry));
  }

  /**
   * A job ended: its completion event was acknowledged.
   *
   * @param type caption, text_to_image or interleaved; anything else counts as unknown
   * @param status one of {@link #JOB_STATUSES}
   * @param total from the record's timestamp to the acknowledgement
   * @throws IllegalArgumentException for a status not in {@link #JOB_STATUSES}
   */
  public void jobCompleted(String type, String status, Duration total) {
    if (!JOB_STATUSES.contains(status)) {
      throw new IllegalArgumentException("job status \"" + status + "\" is not one of " + JOB_STATUSES);
    }
    String t = JOB_TYPES.contains(type) ? type : "unknown";
    jobCounter(t, status).increment();
    // A record timestamp from a skewed producer clock may lie in the future: count it, as zero.
    jobTimer(t, status).record(total.isNegative() ? Duration.ZERO : total);
  }

  /** A record went to the dead-letter topic with {@code code} (upper snake case, such as SCHEMA_VIOLATION). */
  public void deadLettered(String code) {
    deadLetters.computeIfAbsent(code, c -> Counter.builder("dreamworker.dead.letters")
        .description("Records sent to the dead-letter topic, by error code").tag("code", c).register(registry))
        .increment();
  }

  /** An S3 request of {@code operation} (get or put) is being retried. */
  public void s3Retried(String operation) {
    s3Retries.computeIfAbsent(checkOperation(operation), op -> Counter.builder("dreamworker.s3.retries")
        .description("S3 request retries, by operation").tag("operation", op).register(registry)).increment();
  }

  /**
   * One S3 request attempt ended.
   *
   * @param operation get or put
   * @param outcome how it ended, from a small fixed set (such as success, retryable, failure)
   * @param duration how long it took
   */
  public void s3Request(String operation, String outcome, Duration duration) {
    String op = checkOperation(operation);
    s3Requests.computeIfAbsent(op + '\0' + outcome, k -> Timer.builder("dreamworker.s3.request.duration")
        .description("Duration of S3 requests, by operation and outcome").tag("operation", op).tag("outcome", outcome)
        .serviceLevelObjectives(S3_DURATION_BUCKETS).register(registry)).record(duration);
  }

  /** Jobs between poll and completion event, read at each scrape. */
  public void gaugeJobsInFlight(LongSupplier jobs) {
    gauge("dreamworker.jobs.in.flight", "Jobs between poll and completion event", jobs);
  }

  /** Partitions assigned to this worker, read at each scrape. */
  public void gaugePartitionsAssigned(LongSupplier partitions) {
    gauge("dreamworker.partitions.assigned", "Partitions assigned to this worker", partitions);
  }

  /** Partitions paused because in-flight jobs are at their limit, read at each scrape. */
  public void gaugePartitionsPaused(LongSupplier partitions) {
    gauge("dreamworker.partitions.paused", "Partitions paused while in-flight jobs are at their limit", partitions);
  }

  /**
   * Records behind the end of the assigned partitions, summed, read at each scrape. The consumer
   * is not thread-safe, so the poll loop should compute it and the supplier read what it stored.
   */
  public void gaugeConsumerLag(LongSupplier records) {
    gauge("dreamworker.consumer.lag.records", "Records behind the end of the assigned partitions, summed", records);
  }

  private void gauge(String name, String description, LongSupplier value) {
    // Micrometer would keep the first supplier and silently ignore a second one.
    if (!gauges.add(name)) {
      throw new IllegalStateException(name + " already has a supplier; register it once");
    }
    Gauge.builder(name, value, LongSupplier::getAsLong).description(description).strongReference(true)
        .register(registry);
  }

  private Counter jobCounter(String type, String status) {
    return jobs.computeIfAbsent(type + '\0' + status, k -> Counter.builder("dreamworker.jobs")
        .description("Jobs ended, by type and status").tag("type", type).tag("status", status).register(registry));
  }

  private Timer jobTimer(String type, String status) {
    return jobDuration.computeIfAbsent(type + '\0' + status, k -> Timer.builder("dreamworker.job.duration")
        .description("From a job record's timestamp to its completion event's acknowledgement")
        .tag("type", type).tag("status", status)
        .serviceLevelObjectives(JOB_DURATION_BUCKETS).register(registry));
  }

  private static String checkOperation(String operation) {
    if (!S3_OPERATIONS.contains(operation)) {
      throw new IllegalArgumentException("S3 operation \"" + operation + "\" is not one of " + S3_OPERATIONS);
    }
    return operation;
  }

  private static Duration[] seconds(double... values) {
    Duration[] out = new Duration[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
    }
    return out;
  }
}
