package io.dreamworker.worker.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoints over HTTP: {@code GET /metrics} (Prometheus text, or OpenMetrics when
 * the {@code Accept} header asks), {@code GET /healthz} ({@link Liveness}) and
 * {@code GET /readyz} ({@link Readiness}). Health and readiness answer 200 or 503 with a one-line
 * JSON body naming what is wrong: {@code {"ready":false,"waiting_for":["partitions-assigned"]}}.
 * Other paths get 404, other methods 405.
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver}: three GET endpoints read by scrapers and
 * probes need no web framework, and this way the worker carries no second HTTP stack.
 * Requests run on the server's own two daemon threads ({@code ops-http-N}), so that a slow
 * scrape never takes a thread from the worker and the server never keeps the JVM alive.
 */
public final class OpsHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OpsHttpServer.class);

  /** Enough for a scrape and a probe at once; probes are cheap and scrapes are seconds apart. */
  private static final int THREADS = 2;
  /** How long close() lets a request in progress finish. */
  private static final int STOP_GRACE_SECONDS = 1;
  private static final String JSON = "application/json";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor;
  private final PrometheusMetrics metrics;
  private final Readiness readiness;
  private final Liveness liveness;

  private OpsHttpServer(HttpServer server, ExecutorService executor, PrometheusMetrics metrics, Readiness readiness,
      Liveness liveness) {
    this.server = server;
    this.executor = executor;
    this.metrics = metrics;
    this.readiness = readiness;
    this.liveness = liveness;
  }

  /**
   * Starts serving on {@code host}:{@code port}; port 0 takes any free port ({@link #port()}).
   *
   * @throws IOException when the address cannot be bound, with a message naming it and the fix
   */
  public static OpsHttpServer start(String host, int port, PrometheusMetrics metrics, Readiness readiness,
      Liveness liveness) throws IOException {
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(readiness, "readiness");
    Objects.requireNonNull(liveness, "liveness");
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new IOException("cannot serve /metrics, /healthz and /readyz on " + host + ":" + port + " (" + e.getMessage()
          + "); choose another http.port (0 takes any free port) or http.host", e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(THREADS,
        Thread.ofPlatform().name("ops-http-", 0).daemon(true).factory());
    OpsHttpServer ops = new OpsHttpServer(server, executor, metrics, readiness, liveness);
    server.createContext("/", ops::handle);
    server.setExecutor(executor);
    server.start();
    LOG.info("serving /metrics, /healthz and /readyz on {}:{}", host, ops.port());
    return ops;
  }

  /** The port bound, which is the free port chosen when 0 was asked for. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops accepting requests, lets one in progress finish briefly, and stops the threads. */
  @Override
  public void close() {
    server.stop(STOP_GRACE_SECONDS);
    executor.shutdownNow();
    try {
      executor.awaitTermination(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) {
    try {
      String path = exchange.getRequestURI().getPath();
      boolean known = path.equals("/metrics") || path.equals("/healthz") || path.equals("/readyz");
      if (!known) {
        send(exchange, 404, JSON, json(Map.of("error", "no such endpoint; try /metrics, /healthz or /readyz")));
      } else if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        send(exchange, 405, JSON, json(Map.of("error", exchange.getRequestMethod() + " is not allowed; use GET")));
      } else {
        switch (path) {
          case "/metrics" -> {
            List<String> accept = exchange.getRequestHeaders().get("Accept");
            PrometheusMetrics.Scrape scrape = metrics.scrape(accept == null ? null : String.join(",", accept));
            send(exchange, 200, scrape.contentType(), scrape.body());
          }
          case "/healthz" -> {
            List<String> stalled = liveness.stalled();
            send(exchange, stalled.isEmpty() ? 200 : 503, JSON, stalled.isEmpty()
                ? json(Map.of("alive", true)) : json(ordered("alive", false, "stalled", stalled)));
          }
          default -> {
            List<String> waiting = readiness.waitingFor();
            send(exchange, waiting.isEmpty() ? 200 : 503, JSON, waiting.isEmpty()
                ? json(Map.of("ready", true)) : json(ordered("ready", false, "waiting_for", waiting)));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("ops request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
      try {
        send(exchange, 500, JSON, json(Map.of("error", String.valueOf(e.getMessage()))));
      } catch (IOException | RuntimeException ignored) {
        // The headers were sent already, or the client left: nothing more to tell it.
      }
    } finally {
      exchange.close();
    }
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    // Probes and scrapes must see the state now, never a cached answer.
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }

  private static String json(Map<String, ?> body) {
    try {
      return MAPPER.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings, booleans and lists always serializes", e);
    }
  }
}
