package io.dreamworker.loadtest.load;

import io.dreamworker.loadtest.workload.JobSpec;
import io.dreamworker.loadtest.workload.WorkloadMix;
import io.dreamworker.model.bundle.ModelBundle;
import io.dreamworker.model.engine.DreamEngine;
import io.dreamworker.model.engine.EngineConfig;
import io.dreamworker.model.engine.EngineMetrics;
import io.dreamworker.model.engine.GenerationRequest;
import io.dreamworker.model.engine.RequestHandle;
import io.dreamworker.model.runtime.OfflineEngine;
import io.dreamworker.schemas.CaptionJob;
import io.dreamworker.schemas.Decoded;
import io.dreamworker.schemas.ImageInput;
import io.dreamworker.schemas.InterleavedJob;
import io.dreamworker.schemas.Job;
import io.dreamworker.schemas.JobCodec;
import io.dreamworker.worker.processing.JobRequests;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The engine's own throughput on a load test's workload: the same jobs, decoded and turned into the
 * same requests the worker makes, submitted all at once to a {@link DreamEngine} in a JVM of its
 * own (one libtorch thread, as each worker has), with no Kafka and no S3. What the worker reaches
 * through Kafka and S3, over this, is the service's efficiency.
 *
 * <p>{@link #main} is the child JVM's entry point: it prints one line, the jobs per second it
 * sustained ({@link SustainedRate}).
 */
final class EngineBaseline {
  /** Jobs run first and not counted: the JIT and libtorch's first calls. */
  static final int WARMUP_JOBS = 8;

  private EngineBaseline() {}

  /**
   * Runs {@code jobs} jobs of {@code mix} (seed {@code seed}) on the bundle in a child JVM and
   * returns the jobs per second it sustained.
   */
  static double measure(Path bundle, WorkloadMix mix, int jobs, long seed, List<Path> classpath, Path log)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-XX:+UseSerialGC", "-Dai.djl.offline=true",
        "--enable-native-access=ALL-UNNAMED", "-cp",
        String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()),
        EngineBaseline.class.getName(), bundle.toString(), Integer.toString(jobs), Long.toString(seed),
        MixArgument.format(mix)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
    builder.environment().put("OMP_NUM_THREADS", "1");
    builder.environment().put("OPT_OUT_TRACKING", "true");
    Process child = builder.start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!child.waitFor(30, TimeUnit.MINUTES) || child.exitValue() != 0) {
      throw new IllegalStateException("the engine baseline failed (exit " + (child.isAlive() ? "none" : child.exitValue())
          + "); its log is " + log);
    }
    return Double.parseDouble(output.lines().reduce((a, b) -> b).orElse("NaN").strip());
  }

  public static void main(String[] args) throws Exception {
    OfflineEngine.configure();
    Path bundleDir = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    long seed = Long.parseLong(args[2]);
    WorkloadMix mix = MixArgument.parse(args[3]);
    List<GenerationRequest> requests = new ArrayList<>();
    JobCodec codec = new JobCodec();
    for (JobSpec spec : mix.jobs("baseline", count + WARMUP_JOBS, seed)) {
      Job job = ((Decoded.Valid) codec.decode(spec.value())).job();
      requests.add(JobRequests.of(job, images(job)));
    }
    try (ModelBundle bundle = ModelBundle.load(bundleDir);
         DreamEngine engine = DreamEngine.start(bundle, EngineConfig.defaults(), EngineMetrics.NONE)) {
      run(engine, requests.subList(0, WARMUP_JOBS));
      long[] completed = run(engine, requests.subList(WARMUP_JOBS, requests.size()));
      System.out.println(String.format(Locale.ROOT, "%.4f", SustainedRate.of(completed)));
    }
  }

  /** Runs the requests, all submitted at once; returns when each completed (nanoTime). */
  private static long[] run(DreamEngine engine, List<GenerationRequest> requests) throws Exception {
    List<RequestHandle> handles = new ArrayList<>();
    long[] completed = new long[requests.size()];
    for (int i = 0; i < requests.size(); i++) {
      int index = i;
      RequestHandle handle = engine.submit(requests.get(i));
      // Recorded when the engine completes the future, not when this thread gets to it.
      handle.result().whenComplete((result, error) -> completed[index] = System.nanoTime());
      handles.add(handle);
    }
    for (RequestHandle handle : handles) {
      handle.result().get(30, TimeUnit.MINUTES);
    }
    return completed;
  }

  private static List<byte[]> images(Job job) {
    List<ImageInput> inputs = switch (job) {
      case CaptionJob caption -> List.of(caption.image());
      case InterleavedJob interleaved -> interleaved.images();
    };
    return inputs.stream().map(input -> ((ImageInput.Base64) input).bytes()).toList();
  }
}
