package io.dreamworker.loadtest.load;

import io.dreamworker.loadtest.audit.EventLedger;
import io.dreamworker.loadtest.report.Counts;
import io.dreamworker.loadtest.report.KindStats;
import io.dreamworker.loadtest.report.LatencyDistribution;
import io.dreamworker.loadtest.workload.JobSpec;
import io.dreamworker.schemas.CompletionEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What one step of a sweep measured, fed as jobs are sent and as their completion events arrive.
 *
 * <p>A job belongs to the measurement when it was sent inside the measurement window; its
 * end-to-end latency is from its send to its event's arrival (one clock, this JVM's), its queueing
 * time the event's {@code queued_ms} (from the record's timestamp to the worker taking it), its
 * stage times the event's. Throughput counts the completions that arrive inside the window,
 * whichever job they are of, which is what a saturated fleet sustains.
 *
 * <p>Thread-safe: jobs are sent on the load generator's thread, events arrive on the ledger's.
 */
final class StepRecorder {
  /** A job in flight: when it was sent, and whether it is measured. */
  private record Sent(JobSpec job, long sentNanos, boolean measured) {}

  private final ConcurrentHashMap<String, Sent> sent = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicInteger> events = new ConcurrentHashMap<>();
  private final Map<String, Histogram> latency = new LinkedHashMap<>();
  private final Map<String, Histogram> queueing = new LinkedHashMap<>();
  private final Map<String, Map<String, double[]>> stages = new HashMap<>();
  /** Latencies of the last sampling interval, for the progress line and the timeline. */
  private final Recorder recent = new Recorder(3);
  private final long deadlineNanos;
  private long measuredSent;
  private long late;
  private long succeeded;
  private long failed;
  private long rejected;
  private long duplicated;
  private long completedInWindow;
  /** When each job's first event arrived, in arrival order. */
  private final List<Long> completionTimes = new ArrayList<>();
  private long completionsSinceSample;
  private volatile long windowStart = Long.MAX_VALUE;
  private volatile long windowEnd = Long.MAX_VALUE;

  /**
   * @param deadlineNanos how long after its send a job's event may arrive before the job counts as
   *     timed out (it still counts as completed when its event comes later)
   */
  StepRecorder(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  /** The measurement window opens now. */
  void openWindow(long nowNanos) {
    windowStart = nowNanos;
  }

  /** The measurement window closes now: jobs sent later are not measured. */
  void closeWindow(long nowNanos) {
    windowEnd = nowNanos;
  }

  /** A job was sent at {@code nowNanos}. */
  void sent(JobSpec job, long nowNanos) {
    boolean measured = nowNanos >= windowStart && nowNanos < windowEnd;
    sent.put(job.jobId(), new Sent(job, nowNanos, measured));
    if (measured) {
      synchronized (this) {
        measuredSent++;
      }
    }
  }

  /**
   * A completion event arrived; returns whether it was the first for a job of this step (a
   * closed-loop generator sends the next job then).
   */
  boolean arrived(EventLedger.Arrival arrival, long nowNanos) {
    CompletionEvent.Result data = arrival.event().data();
    Sent job = sent.get(data.jobId());
    if (job == null) {
      return false;
    }
    int count = events.computeIfAbsent(data.jobId(), id -> new AtomicInteger()).incrementAndGet();
    synchronized (this) {
      if (count > 1) {
        if (count == 2 && job.measured()) {
          duplicated++;
        }
        return false;
      }
      if (nowNanos >= windowStart && nowNanos < windowEnd) {
        completedInWindow++;
      }
      completionsSinceSample++;
      completionTimes.add(nowNanos);
      long micros = Math.max(1, (nowNanos - job.sentNanos()) / 1_000);
      recent.recordValue(micros);
      if (!job.measured()) {
        return true;
      }
      if (nowNanos - job.sentNanos() > deadlineNanos) {
        late++;
      }
      switch (data.status()) {
        case SUCCEEDED -> succeeded++;
        case FAILED -> failed++;
        case REJECTED -> rejected++;
      }
      String kind = job.job().kind().wireName();
      latency.computeIfAbsent(kind, k -> LatencyDistribution.newHistogram()).recordValue(micros);
      queueing.computeIfAbsent(kind, k -> LatencyDistribution.newHistogram())
          .recordValue(Math.max(1, data.timings().queuedMs() * 1_000));
      Map<String, double[]> kindStages = stages.computeIfAbsent(kind, k -> new LinkedHashMap<>());
      data.timings().stages().forEach((stage, ms) -> {
        double[] sumAndCount = kindStages.computeIfAbsent(stage, s -> new double[2]);
        sumAndCount[0] += ms;
        sumAndCount[1]++;
      });
      return true;
    }
  }

  /** When each job's first event arrived (nanoTime), in arrival order. */
  synchronized long[] completionTimes() {
    return completionTimes.stream().mapToLong(Long::longValue).toArray();
  }

  /** Jobs sent and not completed yet. */
  int inFlight() {
    int done = 0;
    for (String id : sent.keySet()) {
      if (events.containsKey(id)) {
        done++;
      }
    }
    return sent.size() - done;
  }

  /** Jobs sent in all (warm-up included). */
  int sentCount() {
    return sent.size();
  }

  /** Completions since the last call, and the p95 (ms) of their latencies; NaN when none. */
  synchronized double[] sample() {
    Histogram interval = recent.getIntervalHistogram();
    double p95 = interval.getTotalCount() == 0 ? Double.NaN : interval.getValueAtPercentile(95) / 1_000.0;
    double[] out = {completionsSinceSample, p95};
    completionsSinceSample = 0;
    return out;
  }

  /** Completions that arrived inside the window, over its length. */
  synchronized double throughput() {
    double seconds = (windowEnd - windowStart) / 1e9;
    return seconds <= 0 ? 0 : completedInWindow / seconds;
  }

  /**
   * The step's counts, when the series is over: measured jobs whose event came after their deadline
   * or not at all are timed out, and those with no event at all are lost.
   */
  synchronized Counts counts() {
    long completed = succeeded + failed + rejected;
    long outstanding = measuredSent - completed;
    return new Counts(measuredSent, completed, succeeded, failed, rejected, late + outstanding, outstanding,
        duplicated);
  }

  /** The figures of every kind together. */
  synchronized KindStats all() {
    Histogram allLatency = LatencyDistribution.newHistogram();
    Histogram allQueueing = LatencyDistribution.newHistogram();
    latency.values().forEach(allLatency::add);
    queueing.values().forEach(allQueueing::add);
    Map<String, double[]> merged = new LinkedHashMap<>();
    stages.values().forEach(kind -> kind.forEach((stage, sc) -> {
      double[] m = merged.computeIfAbsent(stage, s -> new double[2]);
      m[0] += sc[0];
      m[1] += sc[1];
    }));
    return KindStats.of(throughput(), allLatency, allQueueing, means(merged));
  }

  /** The figures of each kind. */
  synchronized Map<String, KindStats> byKind() {
    double seconds = Math.max(1e-9, (windowEnd - windowStart) / 1e9);
    Map<String, KindStats> byKind = new LinkedHashMap<>();
    latency.forEach((kind, hist) -> byKind.put(kind, KindStats.of(hist.getTotalCount() / seconds, hist,
        queueing.get(kind), means(stages.getOrDefault(kind, Map.of())))));
    return byKind;
  }

  private static Map<String, Double> means(Map<String, double[]> sums) {
    Map<String, Double> means = new LinkedHashMap<>();
    sums.forEach((stage, sc) -> means.put(stage, sc[1] == 0 ? 0 : sc[0] / sc[1]));
    return means;
  }
}
