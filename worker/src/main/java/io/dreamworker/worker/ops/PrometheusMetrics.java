package io.dreamworker.worker.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Locale;

/**
 * The worker's metrics registry, exposed in the Prometheus text format, with the JVM's and the
 * process's own meters bound (memory, GC, threads, class loading, CPU, uptime, file descriptors).
 * The worker's and the engine's meters register on {@link #registry()}
 * ({@link WorkerMetrics}, {@link MicrometerEngineMetrics}).
 */
public final class PrometheusMetrics implements AutoCloseable {
  /** The classic Prometheus text format, which every scraper reads. */
  public static final String TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  /** OpenMetrics 1.0, for scrapers that ask for it (it carries exemplars and _created series). */
  public static final String OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final PrometheusMeterRegistry registry;
  // Holds a GC notification listener, which close() removes.
  private final JvmGcMetrics gcMetrics;

  private PrometheusMetrics(PrometheusMeterRegistry registry, JvmGcMetrics gcMetrics) {
    this.registry = registry;
    this.gcMetrics = gcMetrics;
  }

  /** A registry with the JVM and process meters bound. */
  public static PrometheusMetrics withJvmMetrics() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    return new PrometheusMetrics(registry, gc);
  }

  /** Where the worker's meters register. */
  public MeterRegistry registry() {
    return registry;
  }

  /** One scrape's body and the content type to send it with. */
  public record Scrape(String contentType, String body) {}

  /**
   * Every meter's current value, in OpenMetrics when {@code acceptHeader} asks for it, else in the
   * Prometheus text format. (Protocol buffers, which some scrapers also offer to take, are not
   * served: the text format is what every one of them falls back to.)
   *
   * @param acceptHeader the request's {@code Accept} header; null when there was none
   */
  public Scrape scrape(String acceptHeader) {
    String type = acceptHeader != null && acceptHeader.toLowerCase(Locale.ROOT).contains("application/openmetrics-text")
        ? OPENMETRICS_CONTENT_TYPE : TEXT_CONTENT_TYPE;
    return new Scrape(type, registry.scrape(type));
  }

  /** Stops the GC listener and closes the registry. */
  @Override
  public void close() {
    gcMetrics.close();
    registry.close();
  }
}
