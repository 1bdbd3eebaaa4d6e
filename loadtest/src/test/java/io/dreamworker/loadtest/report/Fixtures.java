package io.dreamworker.loadtest.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.HdrHistogram.Histogram;

/** Synthetic results: crafted steps for the rules, and seeded sweeps for the writers. */
final class Fixtures {
  static final Duration WARMUP = Duration.ofSeconds(10);
  static final Duration MEASURED = Duration.ofSeconds(60);
  /** The three job kinds, with their unloaded latency in ms and share of the mix. */
  static final Map<String, double[]> KINDS = Map.of("caption", new double[] {300, 0.5},
      "text_to_image", new double[] {1_500, 0.3}, "interleaved", new double[] {3_000, 0.2});
  static final List<String> KIND_ORDER = List.of("caption", "text_to_image", "interleaved");

  private Fixtures() {}

  static RunInfo run(String title) {
    return new RunInfo(title, Instant.parse("2026-11-20T10:15:30Z"), new Machine(2, "Linux 6.1 amd64", "21.0.5"),
        "shapes", "1.0.0", 42, Map.of("mix", "caption 50%, text_to_image 30%, interleaved 20%"));
  }

  static Counts counts(long submitted) {
    return new Counts(submitted, submitted, submitted, 0, 0, 0, 0, 0);
  }

  /** A histogram of {@code n} values all at {@code ms}. */
  static Histogram constant(double ms, int n) {
    Histogram h = LatencyDistribution.newHistogram();
    h.recordValueWithCount(Math.round(ms * 1_000), n);
    return h;
  }

  /** A step whose every job took {@code latencyMs}: its p95 is that latency. */
  static StepResult step(String series, LoadMode mode, double offered, double throughput, double latencyMs,
      Counts counts) {
    KindStats all = KindStats.of(throughput, constant(latencyMs, 100), constant(latencyMs / 10, 100), Map.of());
    return new StepResult(series, 1, "continuous", new Load(mode, offered, WARMUP, MEASURED), throughput, all,
        Map.of(), counts, List.of(), Optional.empty());
  }

  static StepResult openStep(double offered, double throughput, double latencyMs) {
    return step("s", LoadMode.OPEN_LOOP, offered, throughput, latencyMs, counts(1_000));
  }

  /**
   * A seeded sweep of two open-loop series (1 and 2 workers), five steps each, whose latency grows
   * as 1 / (1 - utilisation) with log-normal noise; the 1-worker series saturates past 2 jobs/s and
   * stops with a reason.
   */
  static LoadReport sweep(long seed) {
    Random random = new Random(seed);
    List<StepResult> steps = new ArrayList<>();
    double[] offered = {0.5, 1.0, 1.5, 2.0, 2.5};
    for (int workers = 1; workers <= 2; workers++) {
      String series = workers + (workers == 1 ? " worker" : " workers") + ", continuous";
      double capacity = 2.2 * workers;
      for (int i = 0; i < offered.length; i++) {
        boolean last = i == offered.length - 1;
        Optional<String> stop = workers == 1 && last ? Optional.of("p95 5.2 s over the bound 5 s") : Optional.empty();
        steps.add(sweepStep(random, series, workers, offered[i], capacity, stop));
      }
    }
    List<Finding> findings = List.of(
        Finding.of("2 workers / 1 worker throughput", "1.86x", "at the knees of both series").withNumeric(1.86)
            .withTarget(">= 1.8x", true),
        Finding.of("p95 at the 2-worker knee", "1.9 s", "").withTarget("<= 5 s", true),
        Finding.of("lost jobs", "0", "over every step"));
    return new LoadReport(run("shapes <bundle> & \"friends\""), steps, findings);
  }

  /** Stage names and numbers in the order given. */
  static Map<String, Double> stages(Object... namesAndValues) {
    Map<String, Double> stages = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      stages.put((String) namesAndValues[i], (Double) namesAndValues[i + 1]);
    }
    return stages;
  }

  private static StepResult sweepStep(Random random, String series, int workers, double offered, double capacity,
      Optional<String> stop) {
    double utilisation = Math.min(0.97, offered / capacity);
    double throughput = Math.min(offered, capacity * 0.9);
    long submitted = Math.round(offered * MEASURED.toSeconds());
    Histogram allLatency = LatencyDistribution.newHistogram();
    Histogram allQueue = LatencyDistribution.newHistogram();
    Map<String, KindStats> byKind = new LinkedHashMap<>();
    long completed = 0;
    for (String kind : KIND_ORDER) {
      double[] spec = KINDS.get(kind);
      Histogram latency = LatencyDistribution.newHistogram();
      Histogram queue = LatencyDistribution.newHistogram();
      int n = (int) Math.max(1, Math.round(submitted * spec[1] * throughput / offered));
      for (int j = 0; j < n; j++) {
        double noise = Math.exp(0.25 * random.nextGaussian());
        double ms = spec[0] * noise / (1 - utilisation);
        latency.recordValue(Math.round(ms * 1_000));
        queue.recordValue(Math.round(ms * utilisation * 1_000));
      }
      allLatency.add(latency);
      allQueue.add(queue);
      completed += n;
      byKind.put(kind, KindStats.of(throughput * spec[1], latency, queue,
          kind.equals("caption") ? stages("vision", 35.0, "llm", 180.0)
              : stages("llm", 900.0, "unet", spec[0] * 0.5, "vae", 40.0)));
    }
    long timedOut = utilisation > 0.9 ? 2 : 0;
    long total = Math.max(submitted, completed + timedOut);
    Counts counts = new Counts(total, completed, completed, 0, 0, timedOut, 0, 0);
    List<Sample> timeline = new ArrayList<>();
    for (int t = 5; t <= 70; t += 5) {
      timeline.add(new Sample(Duration.ofSeconds(t), (int) Math.round(offered * 4 * (1 + utilisation)),
          Math.round(t * utilisation * utilisation * 3), throughput * (0.9 + 0.2 * random.nextDouble()),
          t < 15 ? Double.NaN : 1_000 / (1 - utilisation), Map.of("vision", 1 + 6 * utilisation, "llm",
              2 + 10 * utilisation, "diffusion", 1 + 3 * utilisation)));
    }
    return new StepResult(series, workers, "continuous", new Load(LoadMode.OPEN_LOOP, offered, WARMUP, MEASURED),
        throughput, KindStats.of(throughput, allLatency, allQueue, Map.of("llm", 500.0)), byKind, counts, timeline,
        stop);
  }
}
