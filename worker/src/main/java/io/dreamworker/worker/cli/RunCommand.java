package io.dreamworker.worker.cli;

import io.dreamworker.worker.config.WorkerConfig;
import io.dreamworker.worker.config.WorkerConfigLoader;
import io.dreamworker.worker.lag.LagPublisher;
import io.dreamworker.worker.lag.LagPublisherOptions;
import io.dreamworker.worker.lag.LagSample;
import io.dreamworker.worker.ops.ConsoleLogging;
import io.dreamworker.worker.ops.LogFormat;
import io.dreamworker.worker.service.Telemetry;
import io.dreamworker.worker.service.Worker;
import io.dreamworker.worker.service.WorkerEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code dreamworker run}: the production worker. Logs JSON lines unless {@code DREAMWORKER_LOG_FORMAT=text};
 * serves {@code /metrics}, {@code /healthz} and {@code /readyz} from the start; loads the bundle,
 * then consumes until SIGTERM, when it drains (see {@link Worker#close()}) and exits 0. Exits 1 when
 * it stopped on its own because an event could not be published (its job is redone after restart).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run the worker: consume jobs from Kafka, write outputs to S3, publish completion events.",
        "Configuration: a YAML file (--config or $DREAMWORKER_CONFIG) and DREAMWORKER_* environment overrides;",
        "see 'dreamworker config keys'. SIGTERM drains in-flight jobs, commits and leaves the group."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:stopped by a signal after draining", "1:stopped on its own (see the log)",
        "2:bad configuration or bundle"})
final class RunCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:DREAMWORKER_CONFIG}",
      description = "The worker's YAML configuration (default: $DREAMWORKER_CONFIG; without either, the"
          + " environment alone).")
  Path config;

  @Override
  public Integer call() throws Exception {
    ConsoleLogging.use(LogFormat.chosen(System.getProperties(), System.getenv()).orElse(LogFormat.JSON));
    Map<String, String> env = System.getenv();
    WorkerConfig settings = config != null ? WorkerConfigLoader.load(config, env) : WorkerConfigLoader.fromEnvironment(env);

    Telemetry telemetry = Telemetry.start(settings.http());
    log.info("serving /metrics, /healthz and /readyz on {}:{}", settings.http().host(), telemetry.port());
    Worker worker;
    try {
      worker = Worker.start(settings, telemetry.hooks(), WorkerEnvironment.production());
    } catch (RuntimeException e) {
      telemetry.close();
      throw e;
    }
    telemetry.bundleLoaded();
    LagPublisher lagPublisher = LagPublisher.start(new LagPublisherOptions(settings.lagPublisher().enabled(),
            settings.lagPublisher().namespace(), settings.lagPublisher().interval(), settings.lagPublisher().region()),
        settings.kafka().groupId(), () -> new LagSample(telemetry.consumerLagByTopic(), telemetry.jobsInFlight()));

    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      log.info("signal received: draining for up to {}", settings.shutdown().drainTimeout());
      worker.close();
      closeQuietly(lagPublisher);
      telemetry.close();
      stopped.countDown();
    }, "dreamworker-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);

    while (!worker.awaitStopped(Duration.ofSeconds(1))) {
      // The loop runs until SIGTERM (the hook closes it) or until it fails on its own.
    }
    if (worker.failure().isPresent()) {
      log.error("the worker stopped on its own; exiting so that it is restarted", worker.failure().get());
      worker.close();
      closeQuietly(lagPublisher);
      telemetry.close();
      return 1;
    }
    stopped.await();
    return 0;
  }

  private static void closeQuietly(LagPublisher publisher) {
    try {
      publisher.close();
    } catch (Exception e) {
      log.warn("closing the lag publisher failed", e);
    }
  }
}
