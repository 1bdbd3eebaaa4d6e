package io.dreamworker.loadtest.load;

import io.dreamworker.loadtest.report.LoadMode;
import io.dreamworker.loadtest.workload.WorkloadMix;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A load-test sweep: which series, how their load rises, how long each step lasts, and when a
 * series stops.
 *
 * <p>Loads are fractions of a capacity: each series first runs a short closed-loop probe at
 * {@code probeConcurrency} jobs in flight, and its steps offer {@code loads} times the throughput
 * the probe found (open loop: jobs/s; closed loop: jobs in flight, rounded up), so that the same
 * plan brackets the knee of a sequential and of a continuous fleet alike. With
 * {@code absoluteLoads} the loads are used as they are.
 *
 * @param series the curves, each on fresh topics and fresh workers
 * @param loadMode open loop (Poisson arrivals at a rate: a slow system cannot slow the load) or
 *     closed loop (a fixed number of jobs in flight)
 * @param loads the steps' loads, ascending
 * @param absoluteLoads whether {@code loads} are rates (or concurrencies) rather than fractions
 * @param warmup each step's warm-up, not measured
 * @param measure each step's measurement window
 * @param drainTimeout after a step, how long its jobs may take to complete before the next step
 * @param latencyBound a series stops after a step whose p95 passes it
 * @param jobDeadline a job whose event comes later than this after its send is timed out
 * @param probe the capacity probe's length (after a warm-up of the same length)
 * @param probeConcurrency jobs in flight per worker during the probe: more than the engine runs at
 *     once (its 16 running sequences by default), so that the probe finds what the engine sustains,
 *     and not so many that the probe's window ends before the first of them have finished
 * @param extraSteps steps a series may add past {@code loads}, each 1.3 times the last, while it still
 *     keeps up with its load (the probe found less than the fleet takes); 0 runs the loads alone
 * @param bulkJobs jobs of each continuous series' bulk run and of the engine baseline, sent at
 *     once: the capacities the findings compare (0: neither runs)
 * @param mix the jobs
 * @param seed fixes the jobs and the arrivals
 */
public record SweepPlan(List<SeriesSpec> series, LoadMode loadMode, List<Double> loads, boolean absoluteLoads,
    Duration warmup, Duration measure, Duration drainTimeout, Duration latencyBound, Duration jobDeadline,
    Duration probe, int probeConcurrency, int extraSteps, int bulkJobs, WorkloadMix mix, long seed) {

  /** A series stops after a step with more than this share of its jobs failed or timed out. */
  public static final double MAX_ERROR_FRACTION = 0.01;
  /** An open-loop series stops after a step whose throughput fell this far below the offered rate. */
  public static final double SATURATED_FRACTION = 0.85;

  public SweepPlan {
    series = List.copyOf(series);
    loads = List.copyOf(loads);
    if (series.isEmpty() || loads.isEmpty()) {
      throw new IllegalArgumentException("a sweep needs at least one series and one load, got " + series.size()
          + " series and " + loads.size() + " loads");
    }
    for (int i = 0; i < loads.size(); i++) {
      if (!(loads.get(i) > 0) || i > 0 && loads.get(i) <= loads.get(i - 1)) {
        throw new IllegalArgumentException("loads must be positive and ascending, got " + loads);
      }
    }
    Objects.requireNonNull(loadMode, "loadMode");
    for (Duration d : List.of(warmup, measure, drainTimeout, latencyBound, jobDeadline, probe)) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException("durations must not be negative, got " + d);
      }
    }
    if (measure.isZero()) {
      throw new IllegalArgumentException("the measurement window must be longer than 0");
    }
    if (extraSteps < 0) {
      throw new IllegalArgumentException("extraSteps must not be negative, got " + extraSteps);
    }
    if (bulkJobs < 0) {
      throw new IllegalArgumentException("bulkJobs must not be negative, got " + bulkJobs);
    }
    if (probeConcurrency < 1) {
      throw new IllegalArgumentException("probeConcurrency must be at least 1, got " + probeConcurrency);
    }
    Objects.requireNonNull(mix, "mix");
  }

  /**
   * The default sweep, about ten minutes on this machine: one worker continuous and sequential and
   * two workers continuous, open loop at 40%, 80% and 110% of each one's probed capacity, and further
   * while a series keeps up.
   */
  public static SweepPlan standard(WorkloadMix mix) {
    return new SweepPlan(List.of(new SeriesSpec(1, "continuous"), new SeriesSpec(1, "sequential"),
        new SeriesSpec(2, "continuous")), LoadMode.OPEN_LOOP, List.of(0.4, 0.8, 1.1), false,
        Duration.ofSeconds(4), Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(30),
        Duration.ofSeconds(60), Duration.ofSeconds(10), 24, 3, 200, mix, 1);
  }

  /** The CI check: one series, two short steps; what it proves is that nothing is lost. */
  public static SweepPlan quick(WorkloadMix mix) {
    return new SweepPlan(List.of(new SeriesSpec(1, "continuous")), LoadMode.OPEN_LOOP, List.of(0.5, 1.0), false,
        Duration.ofSeconds(2), Duration.ofSeconds(6), Duration.ofSeconds(60), Duration.ofSeconds(60),
        Duration.ofSeconds(60), Duration.ofSeconds(4), 16, 0, 40, mix, 1);
  }

  public SweepPlan withSeries(List<SeriesSpec> series) {
    return new SweepPlan(series, loadMode, loads, absoluteLoads, warmup, measure, drainTimeout, latencyBound,
        jobDeadline, probe, probeConcurrency, extraSteps, bulkJobs, mix, seed);
  }

  public SweepPlan withLoads(LoadMode mode, List<Double> loads, boolean absolute) {
    return new SweepPlan(series, mode, loads, absolute, warmup, measure, drainTimeout, latencyBound, jobDeadline,
        probe, probeConcurrency, extraSteps, bulkJobs, mix, seed);
  }

  public SweepPlan withWindows(Duration warmup, Duration measure) {
    return new SweepPlan(series, loadMode, loads, absoluteLoads, warmup, measure, drainTimeout, latencyBound,
        jobDeadline, probe, probeConcurrency, extraSteps, bulkJobs, mix, seed);
  }

  public SweepPlan withLatencyBound(Duration bound) {
    return new SweepPlan(series, loadMode, loads, absoluteLoads, warmup, measure, drainTimeout, bound, jobDeadline,
        probe, probeConcurrency, extraSteps, bulkJobs, mix, seed);
  }

  public SweepPlan withBulkJobs(int jobs) {
    return new SweepPlan(series, loadMode, loads, absoluteLoads, warmup, measure, drainTimeout, latencyBound,
        jobDeadline, probe, probeConcurrency, extraSteps, jobs, mix, seed);
  }

  public SweepPlan withSeed(long seed) {
    return new SweepPlan(series, loadMode, loads, absoluteLoads, warmup, measure, drainTimeout, latencyBound,
        jobDeadline, probe, probeConcurrency, extraSteps, bulkJobs, mix, seed);
  }
}
