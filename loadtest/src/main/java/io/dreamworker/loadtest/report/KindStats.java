package io.dreamworker.loadtest.report;

import java.util.Map;
import java.util.Objects;
import org.HdrHistogram.AbstractHistogram;

/**
 * The figures of one job kind (or of all kinds together) in one step's measurement window.
 *
 * <p>The number of jobs is the latency distribution's count rather than a field of its own, so the
 * two cannot disagree.
 *
 * @param throughput completed jobs of this kind per second of the measurement window
 * @param latency end-to-end latency (submitted to completion event seen)
 * @param queueing time between submission and the worker's engine taking the job up
 * @param stageMeansMs mean milliseconds per pipeline stage (engine_queue, vision, llm, unet, vae,
 *     upload...) over the jobs of this kind that ran it, in the caller's order
 */
public record KindStats(double throughput, LatencyDistribution latency, LatencyDistribution queueing,
    Map<String, Double> stageMeansMs) {

  public KindStats {
    Checks.finiteNonNegative(throughput, "kind throughput");
    Objects.requireNonNull(latency, "kind latency");
    Objects.requireNonNull(queueing, "kind queueing");
    stageMeansMs = Checks.finiteNonNegativeValues(stageMeansMs, "kind stageMeansMs");
  }

  /** From the driver's own histograms (values in microseconds), which are copied. */
  public static KindStats of(double throughput, AbstractHistogram latencyMicros, AbstractHistogram queueingMicros,
      Map<String, Double> stageMeansMs) {
    return new KindStats(throughput, LatencyDistribution.ofMicros(latencyMicros),
        LatencyDistribution.ofMicros(queueingMicros), stageMeansMs);
  }

  /** Jobs whose latency was recorded. */
  public long count() {
    return latency.count();
  }
}
