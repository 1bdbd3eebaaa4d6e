package io.dreamworker.worker.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpsHttpServerTest {
  private final PrometheusMetrics metrics = PrometheusMetrics.withJvmMetrics();
  private final Readiness readiness = new Readiness();
  private final AtomicLong nanos = new AtomicLong();
  private final Liveness liveness = new Liveness(nanos::get);
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private OpsHttpServer server;

  @BeforeEach
  void start() throws IOException {
    new WorkerMetrics(metrics.registry());
    server = OpsHttpServer.start("127.0.0.1", 0, metrics, readiness, liveness);
  }

  @AfterEach
  void stop() {
    server.close();
    metrics.close();
    client.close();
  }

  private HttpResponse<String> send(String method, String path, String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
    if (accept != null) {
      b.header("Accept", accept);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return send("GET", path, null);
  }

  @Test
  void portZero_bindsAFreePort() {
    assertThat(server.port()).isPositive();
  }

  @Test
  void metrics_areServedInThePrometheusTextFormat() throws Exception {
    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
    assertThat(r.body()).contains("dreamworker_jobs_total{status=\"succeeded\",type=\"caption\"} 0.0")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void metrics_areServedAsOpenMetricsWhenAsked() throws Exception {
    HttpResponse<String> r = send("GET", "/metrics", "application/openmetrics-text; version=1.0.0");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .contains("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(r.body()).endsWith("# EOF\n");
  }

  @Test
  void readyz_namesWhatItWaitsFor_thenIsReady() throws Exception {
    Readiness.Flag bundle = readiness.flag("bundle-loaded");
    Readiness.Flag partitions = readiness.flag("partitions-assigned");
    bundle.set();
    HttpResponse<String> waiting = get("/readyz");
    assertThat(waiting.statusCode()).isEqualTo(503);
    assertThat(waiting.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(waiting.body()).isEqualTo("{\"ready\":false,\"waiting_for\":[\"partitions-assigned\"]}");
    partitions.set();
    HttpResponse<String> ready = get("/readyz");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).isEqualTo("{\"ready\":true}");
  }

  @Test
  void healthz_namesAStalledLoop() throws Exception {
    Liveness.Heartbeat poll = liveness.heartbeat("poll-loop", Duration.ofSeconds(10));
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/healthz").body()).isEqualTo("{\"alive\":true}");
    nanos.addAndGet(Duration.ofSeconds(11).toNanos());
    HttpResponse<String> stalled = get("/healthz");
    assertThat(stalled.statusCode()).isEqualTo(503);
    assertThat(stalled.body()).isEqualTo("{\"alive\":false,\"stalled\":[\"poll-loop\"]}");
    poll.beat();
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void otherMethods_get405WithAllow_andOtherPaths404() throws Exception {
    HttpResponse<String> post = send("POST", "/metrics", null);
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).contains("GET");
    assertThat(send("DELETE", "/readyz", null).statusCode()).isEqualTo(405);
    assertThat(get("/").statusCode()).isEqualTo(404);
    assertThat(get("/metricsx").statusCode()).isEqualTo(404);
    assertThat(get("/readyz/extra").statusCode()).isEqualTo(404);
    assertThat(get("/healthz?verbose=1").statusCode()).isEqualTo(200);
  }

  @Test
  void failingCheck_answers500AndTheServerGoesOn() throws Exception {
    OpsHttpServer broken = OpsHttpServer.start("127.0.0.1", 0, metrics, readiness, new Liveness(() -> {
      throw new IllegalStateException("clock broke");
    }));
    try {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + broken.port() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).contains("clock broke");
    } finally {
      broken.close();
    }
  }

  @Test
  void requests_runOnTheServersOwnDaemonThreads() throws Exception {
    readiness.require("thread", () -> {
      Thread t = Thread.currentThread();
      return t.isDaemon() && t.getName().startsWith("ops-http-");
    });
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void portInUse_failsNamingTheAddressAndTheKey() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> OpsHttpServer.start("127.0.0.1", taken.getLocalPort(), metrics, readiness, liveness))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cannot serve /metrics, /healthz and /readyz on 127.0.0.1:" + taken.getLocalPort())
          .hasMessageContaining("choose another http.port");
    }
  }

  @Test
  void close_stopsServing() {
    int port = server.port();
    server.close();
    assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }
}
