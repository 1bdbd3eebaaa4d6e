package io.dreamworker.worker.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ConsoleLoggingTest {
  /** The worker's own logback.xml (the tests' logback-test.xml shadows it on the class path root). */
  private static final URL MAIN_CONFIG = mainConfig();

  private final LoggerContext context = new LoggerContext();

  private static URL mainConfig() {
    try {
      return ConsoleLoggingTest.class.getClassLoader().getResources("logback.xml").asIterator().next();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stop() {
    MDC.clear();
    context.stop();
  }

  @SuppressWarnings("unchecked")
  private ConsoleAppender<ILoggingEvent> console() {
    return (ConsoleAppender<ILoggingEvent>) context.getLogger("ROOT").getAppender("CONSOLE");
  }

  @Test
  void json_configuresTheJsonEncoder_andALoggedLineParsesWithItsMdc() throws Exception {
    context.setMDCAdapter(MDC.getMDCAdapter());
    ConsoleLogging.use(context, MAIN_CONFIG, LogFormat.JSON);
    ConsoleAppender<ILoggingEvent> console = console();
    assertThat(console.getEncoder()).isInstanceOf(JsonLogEncoder.class);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    console.setOutputStream(out);

    MDC.put("job_id", "job-7");
    context.getLogger("io.dreamworker.test").warn("job {} rejected", "job-7");

    String line = out.toString(StandardCharsets.UTF_8);
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(line.strip()).doesNotContain("\n");
    assertThat(json.get("level").asText()).isEqualTo("WARN");
    assertThat(json.get("formattedMessage").asText()).isEqualTo("job job-7 rejected");
    assertThat(json.get("mdc").get("job_id").asText()).isEqualTo("job-7");
  }

  @Test
  void text_configuresThePatternEncoder() {
    ConsoleLogging.use(context, MAIN_CONFIG, LogFormat.TEXT);
    assertThat(console().getEncoder()).isInstanceOf(PatternLayoutEncoder.class);
    assertThat(console().getTarget()).isEqualTo("System.err");
  }

  @Test
  void switchingAgain_replacesTheFormat() {
    ConsoleLogging.use(context, MAIN_CONFIG, LogFormat.JSON);
    ConsoleLogging.use(context, MAIN_CONFIG, LogFormat.TEXT);
    assertThat(console().getEncoder()).isInstanceOf(PatternLayoutEncoder.class);
    assertThat(context.getLogger("ai.djl").getLevel().levelStr).isEqualTo("WARN");
  }

  @Test
  void configurationFile_isTheOneLogbackChoseAtStart() {
    assertThat(ConsoleLogging.configurationFile()).get().asString().endsWith("logback-test.xml");
  }
}
