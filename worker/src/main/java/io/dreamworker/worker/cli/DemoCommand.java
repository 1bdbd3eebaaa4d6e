package io.dreamworker.worker.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.dreamworker.worker.demo.Demo;
import io.dreamworker.worker.demo.DemoSummary;
import io.dreamworker.worker.service.Telemetry;
import io.dreamworker.worker.service.WorkerHooks;
import io.dreamworker.worker.stack.EmbeddedStack;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dreamworker demo}: the whole system on this machine with no setup. See {@link Demo}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Run the whole system on this machine: Kafka, S3, the worker and sample jobs.",
        "Starts a real Kafka broker and S3 server on 127.0.0.1, runs the worker against them, sends sample",
        "caption, text-to-image and interleaved jobs plus two invalid records, and shows where the outputs are.",
        "With --serve, keep everything running for your own Kafka clients."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:every job ended as expected", "1:a job did not (see the summary)", "2:bad arguments"})
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", defaultValue = "demo-output",
      description = "Folder for the servers' data and the outputs; a previous demo's is replaced (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--bundle", paramLabel = "DIR",
      description = "The model bundle to serve (default: the trained shapes bundle in bundles/shapes, or a random"
          + " tiny one generated in the demo folder when it is missing).")
  Path bundle;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the summary as JSON.")
  Path json;

  @Option(names = "--serve", description = "After the sample jobs, keep the stack and the worker running until Ctrl-C.")
  boolean serve;

  @Option(names = "--verbose", description = "Show the worker's own log lines (job outcomes, assignments) too.")
  boolean verbose;

  @Option(names = "--timeout", defaultValue = "10m", converter = DurationConverter.class,
      description = "How long to wait for the sample jobs' events (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (!verbose) {
      // The demo narrates each job itself, rejected ones included; the worker's lines would repeat it.
      ((Logger) LoggerFactory.getLogger("io.dreamworker")).setLevel(Level.ERROR);
    }
    long start = System.nanoTime();
    Optional<Path> served = Optional.ofNullable(bundle).or(ShippedBundle::find);
    if (served.isEmpty()) {
      out.printf("the trained shapes bundle is not at %s: serving a random tiny bundle, whose outputs are noise%n",
          ShippedBundle.location().toAbsolutePath().normalize());
    }
    try (Demo demo = Demo.prepare(dir, served, Map.of(), out)) {
      EmbeddedStack.Addresses a = demo.stack().addresses();
      out.printf("Kafka at %s, S3 at %s (both started in %.1f s)%n", a.kafkaBootstrapServers(), a.s3Endpoint(),
          (System.nanoTime() - start) / 1e9);
      Telemetry telemetry = serve ? Telemetry.start(demo.config().http()) : null;
      try {
        out.printf("loading the bundle %s and starting the worker%n", demo.bundleDir());
        out.flush();
        demo.startWorker(telemetry != null ? telemetry.hooks() : WorkerHooks.NONE);
        if (telemetry != null) {
          telemetry.bundleLoaded();
        }
        DemoSummary summary = demo.runSampleJobs(timeout, out);
        summary.print(out);
        if (json != null) {
          summary.writeJson(json);
          out.printf("summary written to %s%n", json.toAbsolutePath());
        }
        out.printf("demo finished in %.1f s%n", (System.nanoTime() - start) / 1e9);
        if (serve) {
          serve(out, demo, telemetry);
        }
        return summary.asExpected() ? 0 : 1;
      } finally {
        if (telemetry != null) {
          telemetry.close();
        }
      }
    }
  }

  private static void serve(PrintWriter out, Demo demo, Telemetry telemetry) throws InterruptedException {
    EmbeddedStack.Addresses a = demo.stack().addresses();
    out.printf("%nserving until Ctrl-C:%n");
    out.printf("  Kafka bootstrap      %s%n", a.kafkaBootstrapServers());
    out.printf("  jobs topic           %s (keyed by job id; JSON per schemas/)%n", Demo.JOBS_TOPIC);
    out.printf("  events topic         %s%n", Demo.EVENTS_TOPIC);
    out.printf("  dead-letter topic    %s%n", Demo.DEAD_LETTER_TOPIC);
    out.printf("  S3 endpoint          %s (path-style, region %s, key %s, secret %s)%n", a.s3Endpoint(), a.s3Region(),
        a.s3AccessKeyId(), a.s3SecretAccessKey());
    out.printf("  buckets              outputs s3://%s/%s/, inputs s3://%s/ (allowed)%n", Demo.OUTPUT_BUCKET,
        Demo.OUTPUT_PREFIX, Demo.INPUT_BUCKET);
    out.printf("  objects on disk      %s%n", demo.localFile("s3://" + Demo.OUTPUT_BUCKET + "/x").getParent());
    out.printf("  metrics and health   http://127.0.0.1:%d/metrics  /healthz  /readyz%n", telemetry.port());
    out.printf("  environment          %s (source it to point other tools here)%n", demo.stack().addressesFile());
    out.printf("try: ./dreamworker submit --bootstrap-servers %s --prompt 'draw a large blue square in the center"
        + " on a white background.' --max-images 1 --wait%n", a.kafkaBootstrapServers());
    out.flush();
    CountDownLatch interrupted = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      demo.close();
      interrupted.countDown();
    }, "dreamworker-demo-shutdown"));
    interrupted.await();
  }
}
