package io.dreamworker.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dreamworker.model.training.LossLog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingProgressBarTest {

  @Test
  void notATerminal_printsAFewWholeLinesWithLossAndEta() {
    StringWriter text = new StringWriter();
    LossLog log = LossLog.inMemory().listen(new TrainingProgressBar(new PrintWriter(text), false));
    for (int step = 1; step <= 100; step++) {
      log.record("vae", step, 100, 1.0 / step, Map.of(), 1e-3f, 1f, 500);
    }
    String[] lines = text.toString().split("\\R");
    assertThat(lines).hasSize(21);
    assertThat(lines[0]).startsWith("vae    [").contains("1/100").contains("0.50 s/step").contains("eta 0m50s");
    assertThat(lines[20]).contains("[" + "#".repeat(30) + "]").contains("100/100").contains("eta 0m00s");
    assertThat(text.toString()).doesNotContain("\r");
  }

  @Test
  void terminal_redrawsOneLineAndEndsItWithTheStage() {
    StringWriter text = new StringWriter();
    LossLog log = LossLog.inMemory().listen(new TrainingProgressBar(new PrintWriter(text), true));
    for (int step = 1; step <= 3; step++) {
      log.record("vae", step, 3, 1.0, Map.of(), 1e-3f, 1f, 10);
    }
    assertThat(text.toString()).startsWith("\r").contains("\r").endsWith(System.lineSeparator());
    assertThat(text.toString().chars().filter(c -> c == '\n').count()).isEqualTo(1);
    assertThat(text.toString().chars().filter(c -> c == '\r').count()).isEqualTo(3);
  }
}
