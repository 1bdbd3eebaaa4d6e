package io.dreamworker.worker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class JsonLogEncoderTest {
  private final LoggerContext context = new LoggerContext();
  private final JsonLogEncoder encoder = new JsonLogEncoder();

  JsonLogEncoderTest() {
    // A fresh context has no MDC adapter; share the process's, which MDC.put writes to.
    context.setMDCAdapter(MDC.getMDCAdapter());
    encoder.setContext(context);
    encoder.start();
  }

  @AfterEach
  void clearMdc() {
    MDC.clear();
  }

  private JsonNode encode(LoggingEvent event) throws Exception {
    String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
    assertThat(line).endsWith("\n");
    assertThat(line.strip()).doesNotContain("\n");
    return new ObjectMapper().readTree(line);
  }

  @Test
  void line_isOneJsonObjectWithTheFieldsAndTheMdc() throws Exception {
    MDC.put("job_id", "job-42");
    MDC.put("topic", "dreamworker.jobs");
    MDC.put("partition", "3");
    MDC.put("offset", "1017");
    Logger logger = context.getLogger("io.dreamworker.worker.ingest.PollLoop");
    JsonNode json = encode(new LoggingEvent("fqcn", logger, Level.INFO, "job {} took {} ms \"quoted\"", null,
        new Object[] {"job-42", 12}));
    assertThat(json.get("timestamp").asLong()).isPositive();
    assertThat(json.get("level").asText()).isEqualTo("INFO");
    assertThat(json.get("loggerName").asText()).isEqualTo("io.dreamworker.worker.ingest.PollLoop");
    assertThat(json.get("threadName").asText()).isEqualTo(Thread.currentThread().getName());
    assertThat(json.get("formattedMessage").asText()).isEqualTo("job job-42 took 12 ms \"quoted\"");
    assertThat(json.get("message").asText()).isEqualTo("job {} took {} ms \"quoted\"");
    assertThat(json.get("mdc").get("job_id").asText()).isEqualTo("job-42");
    assertThat(json.get("mdc").get("topic").asText()).isEqualTo("dreamworker.jobs");
    assertThat(json.get("mdc").get("partition").asText()).isEqualTo("3");
    assertThat(json.get("mdc").get("offset").asText()).isEqualTo("1017");
    assertThat(json.has("context")).isFalse();
    assertThat(json.has("sequenceNumber")).isFalse();
    assertThat(json.has("arguments")).isFalse();
  }

  @Test
  void exception_carriesItsClassMessageStackAndCause() throws Exception {
    Logger logger = context.getLogger("x");
    JsonNode json = encode(new LoggingEvent("fqcn", logger, Level.ERROR, "failed", new IllegalStateException(
        "outer", new java.io.IOException("inner")), null));
    JsonNode t = json.get("throwable");
    assertThat(t.get("className").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(t.get("message").asText()).isEqualTo("outer");
    assertThat(t.get("stepArray").isArray()).isTrue();
    assertThat(t.get("stepArray").get(0).get("className").asText()).isEqualTo(JsonLogEncoderTest.class.getName());
    assertThat(t.get("cause").get("className").asText()).isEqualTo("java.io.IOException");
  }
}
