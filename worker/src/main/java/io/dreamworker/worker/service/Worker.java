package io.dreamworker.worker.service;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.dreamworker.model.bundle.BundleManifest;
import io.dreamworker.model.bundle.ModelBundle;
import io.dreamworker.model.engine.DreamEngine;
import io.dreamworker.model.runtime.OfflineEngine;
import io.dreamworker.model.vision.preprocess.ImageLimits;
import io.dreamworker.schemas.CompletionEvent;
import io.dreamworker.schemas.EventCodec;
import io.dreamworker.schemas.JobCodec;
import io.dreamworker.schemas.MessageSchemas;
import io.dreamworker.worker.config.BundleSettings;
import io.dreamworker.worker.config.KafkaSettings;
import io.dreamworker.worker.config.S3Section;
import io.dreamworker.worker.config.WorkerConfig;
import io.dreamworker.worker.delivery.AtLeastOnceCommitter;
import io.dreamworker.worker.delivery.Committer;
import io.dreamworker.worker.delivery.TransactionalCommitter;
import io.dreamworker.worker.events.EventRecords;
import io.dreamworker.worker.ingest.ConsumerLoop;
import io.dreamworker.worker.ingest.ConsumerLoopSettings;
import io.dreamworker.worker.processing.FaultInjection;
import io.dreamworker.worker.processing.JobProcessor;
import io.dreamworker.worker.processing.ProcessorSettings;
import io.dreamworker.worker.storage.InputImages;
import io.dreamworker.worker.storage.OutputWriter;
import io.dreamworker.worker.storage.S3ClientFactory;
import io.dreamworker.worker.storage.S3Settings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One running worker: the bundle on its device, the engine, S3, the Kafka clients and the consumer
 * loop, wired together from a {@link WorkerConfig}. The one place the parts meet.
 *
 * <p>Starting loads the bundle (slow: seconds to minutes) before it joins the consumer group, so
 * partitions are never held by a worker that cannot serve them yet. Closing drains: the loop stops
 * fetching, in-flight jobs finish (up to {@code shutdown.drain-timeout}), offsets are committed, the
 * group is left, then the engine, clients and bundle are released in reverse order of creation.
 */
public final class Worker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Worker.class);

  private final ConsumerLoop loop;
  private final BundleManifest manifest;
  private final Device device;
  /** What to close, last created first. */
  private final Deque<AutoCloseable> resources;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Worker(ConsumerLoop loop, BundleManifest manifest, Device device, Deque<AutoCloseable> resources) {
    this.loop = loop;
    this.manifest = manifest;
    this.device = device;
    this.resources = resources;
  }

  /**
   * Loads the bundle, connects, and starts consuming.
   *
   * @throws io.dreamworker.model.bundle.BundleException when the bundle cannot be used
   * @throws IllegalStateException when {@code bundle.device} is gpu and there is none
   */
  public static Worker start(WorkerConfig config, WorkerHooks hooks, WorkerEnvironment environment) {
    Deque<AutoCloseable> resources = new ArrayDeque<>();
    try {
      Device device = device(config.bundle().device());
      long loadStart = System.nanoTime();
      S3Section s3Config = config.s3();
      ModelBundle bundle = ModelBundle.load(config.bundle().path(), device,
          new ImageLimits(s3Config.maxInputImageBytes(), ImageLimits.DEFAULT.maxSide(), ImageLimits.DEFAULT.maxPixels()));
      resources.push(bundle);
      BundleManifest manifest = bundle.manifest();
      log.info("loaded bundle {} {} from {} on {} in {} ms", manifest.name(), manifest.version(),
          config.bundle().path(), describe(device), Duration.ofNanos(System.nanoTime() - loadStart).toMillis());

      DreamEngine engine = DreamEngine.start(bundle, config.engine().toEngineConfig(), hooks.engine());
      resources.push(engine);

      S3Settings s3Settings = s3Settings(s3Config);
      S3Client s3 = environment.s3Credentials()
          .map(credentials -> S3ClientFactory.create(s3Settings, credentials))
          .orElseGet(() -> S3ClientFactory.create(s3Settings));
      resources.push(s3);
      CompletionEvent.Bundle bundleRef = new CompletionEvent.Bundle(manifest.name(), manifest.version());
      S3JobStorage storage = new S3JobStorage(new InputImages(s3, s3Settings, hooks.storage()),
          new OutputWriter(s3, s3Settings, hooks.storage()), bundleRef);

      KafkaSettings kafka = config.kafka();
      KafkaClients clients = new KafkaClients(kafka.bootstrapServers(), kafka.groupId(),
          kafka.groupProtocol().name().toLowerCase(Locale.ROOT), "dreamworker-" + environment.workerId(),
          kafka.properties());
      // Job steps block on S3 (with backoff between retries) and on acknowledgements: a virtual
      // thread per step costs nothing while it waits, so the in-flight bound is the only limit.
      ExecutorService io = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("dreamworker-job-", 0).factory());
      resources.push(io::shutdownNow);

      MessageSchemas schemas = MessageSchemas.load();
      JobProcessor processor = new JobProcessor(new JobCodec(schemas), storage,
          request -> engine.submit(request).result(), storage,
          new EventRecords(new EventCodec(schemas), kafka.eventsTopic(), kafka.deadLetterTopic(),
              clients.maxRequestBytes()),
          config.testing().faultInjection() ? FaultInjection.ON : FaultInjection.OFF,
          new ProcessorSettings("urn:dreamworker:worker:" + environment.workerId(), bundleRef),
          hooks.jobs(), io, environment.clock());
      if (config.testing().faultInjection()) {
        log.warn("testing.fault-injection is on: jobs whose metadata names a {} crash, fail or hang this worker",
            FaultInjection.METADATA_KEY);
      }
      KafkaConsumer<byte[], byte[]> consumer = clients.consumer(kafka.maxInFlight());
      Committer committer;
      try {
        committer = switch (kafka.delivery()) {
          // Before joining the group: initializing the transactions fences this worker's previous
          // incarnation and aborts what it left open, so the partitions start from a settled state.
          case EXACTLY_ONCE -> TransactionalCommitter.start(clients.transactionalProducer(
              kafka.transactionalId(environment.workerId()), kafka.transactionTimeout()));
          case AT_LEAST_ONCE -> new AtLeastOnceCommitter(clients.producer(), consumer);
        };
      } catch (RuntimeException e) {
        consumer.close();
        throw e;
      }
      ConsumerLoop loop = new ConsumerLoop(consumer, committer, processor, loopSettings(config), hooks.loop());
      loop.start();
      log.info("consuming {} as group {} ({} protocol, {}{}), up to {} jobs in flight; events to {}, dead letters to {}",
          kafka.jobsTopics(), kafka.groupId(), kafka.groupProtocol().name().toLowerCase(Locale.ROOT),
          kafka.delivery().name().toLowerCase(Locale.ROOT).replace('_', '-'),
          kafka.delivery() == KafkaSettings.Delivery.EXACTLY_ONCE
              ? " as " + kafka.transactionalId(environment.workerId()) : "",
          kafka.maxInFlight(), kafka.eventsTopic(), kafka.deadLetterTopic());
      return new Worker(loop, manifest, device, resources);
    } catch (RuntimeException e) {
      closeAll(resources);
      throw e;
    }
  }

  /** The bundle being served. */
  public BundleManifest bundle() {
    return manifest;
  }

  /** Where the model runs. */
  public Device device() {
    return device;
  }

  /** Jobs handed out and not yet settled. */
  public int inFlight() {
    return loop.inFlight();
  }

  /** Why the worker stopped on its own (an event could not be published), if it did. */
  public Optional<Throwable> failure() {
    return loop.failure();
  }

  /** Waits until the worker stops on its own or is closed; true if it stopped within the timeout. */
  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    return loop.awaitFinished(timeout);
  }

  /** Drains and stops; see the class comment. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    loop.close();
    closeAll(resources);
    log.info("worker stopped");
  }

  private static void closeAll(Deque<AutoCloseable> resources) {
    while (!resources.isEmpty()) {
      AutoCloseable resource = resources.pop();
      try {
        resource.close();
      } catch (Exception e) {
        log.warn("closing {} failed", resource, e);
      }
    }
  }

  /** The device of {@code bundle.device}: a GPU when asked or found, else the CPU. */
  static Device device(BundleSettings.Device wanted) {
    OfflineEngine.configure();
    int gpus = Engine.getInstance().getGpuCount();
    return switch (wanted) {
      case CPU -> Device.cpu();
      case GPU -> {
        if (gpus == 0) {
          throw new IllegalStateException("bundle.device is gpu but the PyTorch engine finds no GPU; check the"
              + " CUDA driver and that the image's libtorch is the CUDA flavour, or set bundle.device to auto or cpu");
        }
        yield Device.gpu();
      }
      case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
    };
  }

  private static String describe(Device device) {
    return device.isGpu() ? "GPU " + device.getDeviceId() + " (of " + Engine.getInstance().getGpuCount() + ")"
        : "the CPU (" + Runtime.getRuntime().availableProcessors() + " cores)";
  }

  /** The consumer loop's settings, from the kafka, jobs and shutdown sections. */
  static ConsumerLoopSettings loopSettings(WorkerConfig config) {
    KafkaSettings kafka = config.kafka();
    return new ConsumerLoopSettings(kafka.jobsTopics(), kafka.maxInFlight(), kafka.maxInFlightCost(),
        kafka.resumePercent() / 100.0, ConsumerLoopSettings.DEFAULT_POLL_TIMEOUT, kafka.commitInterval(),
        config.jobs().attemptTimeout(), config.jobs().maxAttempts(), config.shutdown().drainTimeout(),
        config.shutdown().cancelTimeout(), kafka.offsetMetadataMaxBytes());
  }

  private static S3Settings s3Settings(S3Section s3) {
    return new S3Settings(s3.region(), s3.endpoint(), s3.pathStyle(), s3.outputBucket(), s3.outputPrefix(),
        Set.copyOf(s3.allowedInputBuckets()), s3.maxInputImageBytes(),
        new S3Settings.RetrySettings(s3.retry().maxAttempts(), s3.retry().initialBackoff(), s3.retry().maxBackoff()));
  }
}
