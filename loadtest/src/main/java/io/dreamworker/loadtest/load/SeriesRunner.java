package io.dreamworker.loadtest.load;

import io.dreamworker.loadtest.audit.EventLedger;
import io.dreamworker.loadtest.report.Load;
import io.dreamworker.loadtest.report.LoadMode;
import io.dreamworker.loadtest.report.Sample;
import io.dreamworker.loadtest.report.StepResult;
import io.dreamworker.loadtest.workload.JobSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Runs one series of a sweep on a {@link LoadTarget}: a capacity probe, then steps of rising load,
 * until the plan's loads are done or a step passes the latency bound, errs, or saturates.
 *
 * <p>Open loop: a thread sends jobs at Poisson arrival times at the step's rate, whatever the
 * system does (a slow system cannot slow the load, so queueing shows in the latencies). Closed
 * loop: the step keeps a fixed number of jobs in flight, sending the next as each completes. Every
 * second a {@link Sample} is taken (jobs in flight, consumer lag, completions, the last second's
 * p95, the engines' mean batch rows) and a progress line is printed.
 *
 * <p>Each step ends with a drain: the next one starts with nothing in flight, so a step's
 * latencies are its own load's.
 */
final class SeriesRunner {
  /** Each step added past the plan's loads (while the series keeps up) over the last one's load. */
  static final double EXTRA_STEP_FACTOR = 1.3;
  /** Between two samples of the timeline (and two progress lines). */
  private static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(1);

  private final LoadTarget target;
  private final SeriesSpec spec;
  private final SweepPlan plan;
  private final Consumer<String> progress;
  private final Iterator<JobSpec> jobs;
  private final List<StepRecorder> recorders = new CopyOnWriteArrayList<>();
  /** The step whose closed loop sends a job when one of its own completes, if any. */
  private volatile ClosedLoop closedLoop;

  SeriesRunner(LoadTarget target, SeriesSpec spec, SweepPlan plan, String jobPrefix, Consumer<String> progress) {
    this.target = target;
    this.spec = spec;
    this.plan = plan;
    this.progress = progress;
    this.jobs = plan.mix().stream(jobPrefix, plan.seed());
  }

  /**
   * What a series produced: its steps (for the report) and the throughput of its bulk run when it
   * made one.
   */
  record Outcome(List<StepResult> steps, java.util.OptionalDouble bulkThroughput) {}

  /**
   * Runs the probe and the steps, then, with {@code bulkJobs} above 0, the bulk run: the first
   * {@link EngineBaseline#WARMUP_JOBS} jobs of the plan's mix and seed, then {@code bulkJobs} more
   * sent at once, their rate taken over the middle of their completions ({@link SustainedRate}).
   * They are the jobs the engine baseline runs, measured alike, so the two compare one workload.
   */
  Outcome run(int bulkJobs) throws InterruptedException {
    try (EventLedger ledger = EventLedger.start(target.bootstrapServers(), target.clientProperties(),
        target.eventsTopic(), true, arrival -> {
          long now = System.nanoTime();
          for (StepRecorder recorder : recorders) {
            if (recorder.arrived(arrival, now)) {
              ClosedLoop loop = closedLoop;
              if (loop != null && loop.recorder == recorder) {
                loop.completed();
              }
            }
          }
        })) {
      double capacity = probe();
      progress.accept(String.format(Locale.ROOT, "%s: probed capacity %.2f jobs/s at %d in flight", spec.label(),
          capacity, plan.probeConcurrency() * target.workers()));
      List<Step> steps = new ArrayList<>();
      List<Double> loads = new ArrayList<>(plan.loads());
      for (int i = 0; i < loads.size(); i++) {
        double load = loads.get(i);
        double offered = offered(load, capacity);
        StepRecorder recorder = new StepRecorder(plan.jobDeadline().toNanos());
        List<Sample> timeline = runStep(recorder, offered, plan.warmup(), plan.measure());
        Optional<String> stop = stopReason(recorder, offered);
        steps.add(new Step(offered, recorder, timeline, stop));
        progress.accept(String.format(Locale.ROOT, "%s at %s: %.2f jobs/s, p95 %s, %d errors%s", spec.label(),
            plan.loadMode().formatOffered(offered), recorder.throughput(), millis(recorder.all().latency().p95Ms()),
            recorder.counts().errors(), stop.map(s -> "; stopping: " + s).orElse("")));
        if (stop.isPresent()) {
          break;
        }
        if (i == loads.size() - 1 && !plan.absoluteLoads() && loads.size() < plan.loads().size() + plan.extraSteps()) {
          // Past the planned loads and still keeping up: the probe found less than the fleet takes.
          loads.add(load * EXTRA_STEP_FACTOR);
        }
      }
      java.util.OptionalDouble bulk = java.util.OptionalDouble.empty();
      if (bulkJobs > 0) {
        bulk = java.util.OptionalDouble.of(bulk(bulkJobs));
        progress.accept(String.format(Locale.ROOT, "%s: %d jobs sent at once completed at %.2f jobs/s", spec.label(),
            bulkJobs, bulk.getAsDouble()));
      }
      List<StepResult> results = new ArrayList<>();
      for (Step step : steps) {
        results.add(new StepResult(spec.label(), target.workers(), target.engineMode(),
            new Load(plan.loadMode(), step.offered, plan.warmup(), plan.measure()), step.recorder.throughput(),
            step.recorder.all(), step.recorder.byKind(), step.recorder.counts(), step.timeline, step.stop));
      }
      return new Outcome(results, bulk);
    } finally {
      recorders.clear();
      closedLoop = null;
    }
  }

  private record Step(double offered, StepRecorder recorder, List<Sample> timeline, Optional<String> stop) {}

  /**
   * The bulk run (see {@link #run}): the jobs per second it sustained, over the middle of its
   * completions ({@link SustainedRate}), which leaves out the start (the first calls fill the
   * batches) and the tail (the last jobs on one worker while the other is idle).
   */
  private double bulk(int count) throws InterruptedException {
    List<JobSpec> all = plan.mix().jobs("bulk-" + spec.slug(), count + EngineBaseline.WARMUP_JOBS, plan.seed());
    StepRecorder warm = new StepRecorder(Long.MAX_VALUE);
    recorders.add(warm);
    for (JobSpec job : all.subList(0, EngineBaseline.WARMUP_JOBS)) {
      warm.sent(job, System.nanoTime());
      target.send(job);
    }
    drain(warm);
    StepRecorder timed = new StepRecorder(Long.MAX_VALUE);
    recorders.add(timed);
    long start = System.nanoTime();
    timed.openWindow(start);
    for (JobSpec job : all.subList(EngineBaseline.WARMUP_JOBS, all.size())) {
      timed.sent(job, System.nanoTime());
      target.send(job);
    }
    long deadline = start + plan.jobDeadline().toNanos() + plan.drainTimeout().toNanos();
    while (timed.inFlight() > 0 && System.nanoTime() - deadline < 0) {
      Thread.sleep(20);
    }
    if (timed.inFlight() > 0) {
      throw new IllegalStateException(spec.label() + ": " + timed.inFlight() + " of the bulk run's " + count
          + " jobs did not complete");
    }
    timed.closeWindow(System.nanoTime());
    return SustainedRate.of(timed.completionTimes());
  }

  /** The step's load: a rate in jobs/s, or (closed loop) jobs in flight. */
  private double offered(double load, double capacity) {
    if (plan.absoluteLoads()) {
      return load;
    }
    double rate = Math.max(0.05, load * capacity);
    if (plan.loadMode() == LoadMode.CLOSED_LOOP) {
      // Little's law: the jobs in flight that the probe's throughput and latency would give.
      return Math.max(1, Math.ceil(load * plan.probeConcurrency() * target.workers()));
    }
    return Math.round(rate * 100) / 100.0;
  }

  /** A closed-loop run at the probe's concurrency; its throughput is the series' capacity. */
  private double probe() throws InterruptedException {
    StepRecorder recorder = new StepRecorder(plan.jobDeadline().toNanos());
    closedLoop = null;
    recorders.add(recorder);
    ClosedLoop loop = new ClosedLoop(recorder, plan.probeConcurrency() * target.workers());
    closedLoop = loop;
    long start = System.nanoTime();
    loop.begin();
    Thread.sleep(plan.probe());
    recorder.openWindow(System.nanoTime());
    Thread.sleep(plan.probe());
    recorder.closeWindow(System.nanoTime());
    loop.stop();
    drain(recorder);
    recorders.remove(recorder);
    long elapsed = System.nanoTime() - start;
    return recorder.throughput() > 0 ? recorder.throughput() : recorder.sentCount() / (elapsed / 1e9);
  }

  private List<Sample> runStep(StepRecorder recorder, double offered, Duration warmup, Duration measure)
      throws InterruptedException {
    recorders.add(recorder);
    long start = System.nanoTime();
    long measureStart = start + warmup.toNanos();
    long end = measureStart + measure.toNanos();
    Runnable stopSending;
    if (plan.loadMode() == LoadMode.OPEN_LOOP) {
      Thread sender = Thread.ofPlatform().name("open-loop").start(() -> openLoop(recorder, offered, start, measureStart,
          end));
      stopSending = sender::interrupt;
    } else {
      ClosedLoop loop = new ClosedLoop(recorder, (int) Math.round(offered));
      closedLoop = loop;
      loop.begin();
      stopSending = loop::stop;
    }
    List<Sample> timeline = new ArrayList<>();
    Map<String, double[]> lastBatches = target.batchRowTotals();
    boolean windowOpen = false;
    long next = start + SAMPLE_INTERVAL.toNanos();
    while (System.nanoTime() < end) {
      long wait = Math.min(next, end) - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(Duration.ofNanos(wait));
      }
      long now = System.nanoTime();
      if (!windowOpen && now >= measureStart) {
        recorder.openWindow(measureStart);
        windowOpen = true;
      }
      if (now >= next) {
        Map<String, double[]> batches = target.batchRowTotals();
        timeline.add(sample(recorder, Duration.ofNanos(now - start), batches, lastBatches));
        lastBatches = batches;
        next += SAMPLE_INTERVAL.toNanos();
      }
    }
    if (!windowOpen) {
      recorder.openWindow(measureStart);
    }
    recorder.closeWindow(end);
    stopSending.run();
    closedLoop = null;
    drain(recorder);
    return timeline;
  }

  /**
   * Sends at Poisson arrival times from {@code start} until {@code end}; a slow send does not push
   * later arrivals back. The arrivals are those of a Poisson process at {@code rate} conditioned on
   * their expected count in the warm-up and in the measurement window (the order statistics of that
   * many uniform times in each): as bursty as Poisson arrivals within the step, without the count's
   * own noise (at 1.5 jobs/s over 20 s a free count is off by a quarter one time in ten), which would
   * make a step's offered load another's.
   */
  private void openLoop(StepRecorder recorder, double rate, long start, long measureStart, long end) {
    Random random = new Random(plan.seed() ^ Double.doubleToLongBits(rate));
    long[] warm = uniform(random, (int) Math.round(rate * (measureStart - start) / 1e9), start, measureStart);
    long[] measured = uniform(random, (int) Math.round(rate * (end - measureStart) / 1e9), measureStart, end);
    for (long[] arrivals : List.of(warm, measured)) {
      for (long due : arrivals) {
        long wait = due - System.nanoTime();
        if (wait > 0) {
          try {
            Thread.sleep(Duration.ofNanos(wait));
          } catch (InterruptedException e) {
            return;
          }
        }
        send(recorder);
      }
    }
  }

  private static long[] uniform(Random random, int count, long from, long to) {
    long[] times = new long[count];
    for (int i = 0; i < count; i++) {
      times[i] = from + (long) (random.nextDouble() * (to - from));
    }
    java.util.Arrays.sort(times);
    return times;
  }

  private void send(StepRecorder recorder) {
    JobSpec job;
    synchronized (jobs) {
      job = jobs.next();
    }
    recorder.sent(job, System.nanoTime());
    target.send(job);
  }

  /** Keeps a number of jobs of one step in flight: the next is sent as each completes. */
  private final class ClosedLoop {
    final StepRecorder recorder;
    final int concurrency;
    volatile boolean running = true;

    ClosedLoop(StepRecorder recorder, int concurrency) {
      this.recorder = recorder;
      this.concurrency = concurrency;
    }

    void begin() {
      for (int i = 0; i < concurrency; i++) {
        send(recorder);
      }
    }

    void completed() {
      if (running) {
        send(recorder);
      }
    }

    void stop() {
      running = false;
    }
  }

  /** Waits for the step's jobs, up to the plan's drain timeout. */
  private void drain(StepRecorder recorder) throws InterruptedException {
    long deadline = System.nanoTime() + plan.drainTimeout().toNanos();
    long nextLine = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (recorder.inFlight() > 0 && System.nanoTime() - deadline < 0) {
      Thread.sleep(50);
      if (System.nanoTime() - nextLine > 0) {
        progress.accept(String.format(Locale.ROOT, "  %s: draining, %d in flight", spec.label(), recorder.inFlight()));
        nextLine += Duration.ofSeconds(5).toNanos();
      }
    }
  }

  private Sample sample(StepRecorder recorder, Duration at, Map<String, double[]> batches,
      Map<String, double[]> before) {
    double[] completed = recorder.sample();
    Map<String, Double> meanRows = new HashMap<>();
    batches.forEach((stage, totals) -> {
      double[] earlier = before.getOrDefault(stage, new double[2]);
      double calls = totals[1] - earlier[1];
      if (calls > 0) {
        meanRows.put(stage, (totals[0] - earlier[0]) / calls);
      }
    });
    int inFlight = recorder.inFlight();
    long lag = target.consumerLag();
    progress.accept(String.format(Locale.ROOT, "  %s | sent %d | in flight %d | %.0f done in the last second | p95 %s"
            + " | lag %s", spec.label(), recorder.sentCount(), inFlight, completed[0], millis(completed[1]),
        lag < 0 ? "?" : Long.toString(lag)));
    return new Sample(at, inFlight, Math.max(0, lag), completed[0] / (SAMPLE_INTERVAL.toNanos() / 1e9), completed[1],
        meanRows);
  }

  /** Why the series stops after this step, if it does. */
  private Optional<String> stopReason(StepRecorder recorder, double offered) {
    var counts = recorder.counts();
    double p95 = recorder.all().latency().p95Ms();
    if (counts.submitted() > 0 && counts.errors() > SweepPlan.MAX_ERROR_FRACTION * counts.submitted()) {
      return Optional.of(counts.errors() + " of " + counts.submitted() + " jobs failed or timed out");
    }
    if (p95 > plan.latencyBound().toMillis()) {
      return Optional.of("p95 " + millis(p95) + " over the bound " + millis(plan.latencyBound().toMillis()));
    }
    if (plan.loadMode() == LoadMode.OPEN_LOOP && recorder.throughput() < SweepPlan.SATURATED_FRACTION * offered) {
      return Optional.of(String.format(Locale.ROOT, "saturated: %.2f jobs/s completed of %.2f offered",
          recorder.throughput(), offered));
    }
    return Optional.empty();
  }

  private static String millis(double ms) {
    if (Double.isNaN(ms)) {
      return "-";
    }
    return ms < 1000 ? Math.round(ms) + " ms" : String.format(Locale.ROOT, "%.2f s", ms / 1000);
  }
}
