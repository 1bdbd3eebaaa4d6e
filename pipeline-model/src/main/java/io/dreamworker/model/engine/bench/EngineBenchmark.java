package io.dreamworker.model.engine.bench;

import io.dreamworker.model.bundle.ModelBundle;
import io.dreamworker.model.engine.DreamEngine;
import io.dreamworker.model.engine.EngineConfig;
import io.dreamworker.model.engine.EngineMetrics;
import io.dreamworker.model.engine.GenerationRequest;
import io.dreamworker.model.engine.GenerationResult;
import io.dreamworker.model.engine.RequestHandle;
import io.dreamworker.model.engine.scheduling.Stage;
import io.dreamworker.model.pipeline.DreamPipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * Runs one workload three ways in one process, on one bundle:
 *
 * <ul>
 *   <li><b>sequential</b>: one request at a time through {@link DreamPipeline}, batch size 1, as
 *       DreamLLM's own scripts run;
 *   <li><b>static</b>: request-level batches: the next batch of requests is admitted only when
 *       every request of the current batch has finished, so each batch waits for its slowest
 *       member, as a naive batching server does;
 *   <li><b>continuous</b>: the engine's iteration-level scheduling, requests joining and leaving
 *       the running batches at every step.
 * </ul>
 *
 * All requests arrive at once (a bulk job); latency is from that moment to each completion.
 */
public final class EngineBenchmark {
  private final ModelBundle bundle;
  private final List<GenerationRequest> workload;
  private final int staticBatch;
  private final EngineConfig config;

  /**
   * @param staticBatch requests per static batch
   * @param config the engine's limits, the same for the static and the continuous runs
   */
  public EngineBenchmark(ModelBundle bundle, List<GenerationRequest> workload, int staticBatch, EngineConfig config) {
    this.bundle = bundle;
    this.workload = List.copyOf(workload);
    this.staticBatch = staticBatch;
    this.config = config;
  }

  /**
   * Runs a short warm-up, then the three modes (continuous first, whose per-request token counts
   * the sequential run reuses: outputs do not depend on batching), reporting each as it ends.
   */
  public List<ModeReport> run(Consumer<ModeReport> onMode) throws Exception {
    runEngine("warm-up", config, workload.subList(0, Math.min(3, workload.size())), workload.size());
    ModeReport continuous = runEngine("continuous", config, workload, workload.size());
    ModeReport staticBatching = runEngine("static", config, workload, staticBatch);
    ModeReport sequential = runSequential();
    List<ModeReport> reports = List.of(sequential, staticBatching, continuous);
    reports.forEach(onMode);
    return reports;
  }

  private long[] tokensPerRequest;
  private long[] imagesPerRequest;

  private ModeReport runEngine(String mode, EngineConfig config, List<GenerationRequest> requests, int wave)
      throws Exception {
    BatchRecorder metrics = new BatchRecorder();
    long[] completed = new long[requests.size()];
    long[] tokens = new long[requests.size()];
    long[] images = new long[requests.size()];
    long start = System.nanoTime();
    try (DreamEngine engine = DreamEngine.start(bundle, config, metrics)) {
      for (int from = 0; from < requests.size(); from += wave) {
        List<RequestHandle> handles = new ArrayList<>();
        for (int i = from; i < Math.min(requests.size(), from + wave); i++) {
          int index = i;
          RequestHandle h = engine.submit(requests.get(i));
          // Recorded when the engine completes the future, not when this thread gets to it.
          h.result().whenComplete((r, e) -> completed[index] = System.nanoTime());
          handles.add(h);
        }
        for (int k = 0; k < handles.size(); k++) {
          GenerationResult r = handles.get(k).result().get(30, TimeUnit.MINUTES);
          tokens[from + k] = r.generatedTokens();
          images[from + k] = imagesOf(r);
        }
      }
    }
    if (mode.equals("continuous")) {
      tokensPerRequest = tokens;
      imagesPerRequest = images;
    }
    return report(mode, start, completed, Arrays.stream(tokens).sum(), Arrays.stream(images).sum(), metrics.meanRows(),
        metrics.deviceMillis());
  }

  /** One request at a time through the sequential pipeline, as DreamLLM's own scripts run. */
  private ModeReport runSequential() throws Exception {
    DreamPipeline pipeline = new DreamPipeline(bundle);
    long[] completed = new long[workload.size()];
    long start = System.nanoTime();
    for (int i = 0; i < workload.size(); i++) {
      switch (workload.get(i)) {
        case GenerationRequest.Caption c -> pipeline.caption(c.image(), c.instruction(), c.text().maxNewTokens(), c.text().sampling());
        case GenerationRequest.TextToImage t -> pipeline.textToImage(t.prompt(), t.image());
        case GenerationRequest.Interleaved il -> pipeline.interleaved(il.prompt(), il.images(), il.maxImages(),
            il.text().maxNewTokens(), il.text().sampling(), il.image());
      }
      completed[i] = System.nanoTime();
    }
    Map<Stage, Double> ones = new EnumMap<>(Stage.class);
    for (Stage s : Stage.values()) {
      ones.put(s, 1.0);
    }
    return report("sequential", start, completed, Arrays.stream(tokensPerRequest).sum(),
        Arrays.stream(imagesPerRequest).sum(), ones, Map.of());
  }

  private ModeReport report(String mode, long start, long[] completed, long tokens, long images,
      Map<Stage, Double> meanRows, Map<Stage, Double> deviceMillis) {
    long[] latencies = new long[completed.length];
    long last = start;
    for (int i = 0; i < completed.length; i++) {
      latencies[i] = completed[i] - start;
      last = Math.max(last, completed[i]);
    }
    Arrays.sort(latencies);
    double seconds = (last - start) / 1e9;
    return new ModeReport(mode, completed.length, seconds, completed.length / seconds, tokens / seconds,
        images / seconds, percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99), meanRows,
        deviceMillis);
  }

  private static long imagesOf(GenerationResult r) {
    return switch (r) {
      case GenerationResult.Image img -> 1;
      case GenerationResult.Interleaved doc -> doc.document().images().size();
      case GenerationResult.Caption c -> 0;
    };
  }

  private static double percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
  }

  /** Mean rows per call, per stage. */
  private static final class BatchRecorder implements EngineMetrics {
    private final AtomicLongArray calls = new AtomicLongArray(Stage.values().length);
    private final AtomicLongArray rows = new AtomicLongArray(Stage.values().length);
    private final AtomicLongArray nanos = new AtomicLongArray(Stage.values().length);

    @Override
    public void batchExecuted(Stage stage, int r, long durationNanos) {
      calls.incrementAndGet(stage.ordinal());
      rows.addAndGet(stage.ordinal(), r);
      nanos.addAndGet(stage.ordinal(), durationNanos);
    }

    Map<Stage, Double> deviceMillis() {
      Map<Stage, Double> out = new EnumMap<>(Stage.class);
      for (Stage s : Stage.values()) {
        out.put(s, nanos.get(s.ordinal()) / 1e6);
      }
      return out;
    }

    Map<Stage, Double> meanRows() {
      Map<Stage, Double> out = new EnumMap<>(Stage.class);
      for (Stage s : Stage.values()) {
        long c = calls.get(s.ordinal());
        out.put(s, c == 0 ? 0 : (double) rows.get(s.ordinal()) / c);
      }
      return out;
    }
  }
}
