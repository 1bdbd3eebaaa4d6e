package io.dreamworker.model.engine.bench;

import io.dreamworker.model.engine.scheduling.Stage;
import java.util.Map;

/**
 * What one scheduling mode achieved on the workload.
 *
 * @param mode sequential, static or continuous
 * @param jobs requests completed
 * @param seconds from the first submit to the last completion
 * @param jobsPerSecond jobs / seconds
 * @param tokensPerSecond generated tokens / seconds
 * @param imagesPerSecond generated images / seconds
 * @param p50Ms median latency (submit to completion), milliseconds
 * @param p95Ms 95th percentile latency
 * @param p99Ms 99th percentile latency
 * @param meanBatchRows mean rows per call, per stage
 * @param deviceMillis time spent in each stage's calls (empty for the sequential pipeline, which
 *     has no stages)
 */
public record ModeReport(String mode, int jobs, double seconds, double jobsPerSecond, double tokensPerSecond,
    double imagesPerSecond, double p50Ms, double p95Ms, double p99Ms, Map<Stage, Double> meanBatchRows,
    Map<Stage, Double> deviceMillis) {}
