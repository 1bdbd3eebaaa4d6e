package io.dreamworker.model.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossLogTest {
  @TempDir Path dir;

  @Test
  void everyStep_isOneJsonLineWithItsParts() throws IOException {
    Path file = dir.resolve("logs/loss.jsonl");
    try (LossLog log = LossLog.appendingTo(file)) {
      log.record("vae", 1, 2, 0.5, Map.of("mse", 0.4), 1e-3f, 2f, 10);
      log.record("vae", 2, 2, 0.3, Map.of("mse", 0.2), 1e-3f, 1f, 12);
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    JsonNode second = new ObjectMapper().readTree(lines.get(1));
    assertThat(second.get("stage").asText()).isEqualTo("vae");
    assertThat(second.get("step").asInt()).isEqualTo(2);
    assertThat(second.get("mse").asDouble()).isEqualTo(0.2);
    assertThat(second.get("grad_norm").asDouble()).isEqualTo(1.0);
  }

  @Test
  void smoothedLoss_restartsAtEachStage_andListenersSeeEveryEntry() {
    List<LossLog.Entry> seen = new ArrayList<>();
    LossLog log = LossLog.inMemory().listen(seen::add);
    log.record("a", 1, 3, 1.0, Map.of(), 0f, 0f, 0);
    log.record("a", 2, 3, 0.0, Map.of(), 0f, 0f, 0);
    log.record("b", 1, 3, 5.0, Map.of(), 0f, 0f, 0);
    assertThat(seen).hasSize(3);
    assertThat(seen.get(1).smoothedLoss()).isStrictlyBetween(0.0, 1.0);
    assertThat(seen.get(2).smoothedLoss()).isEqualTo(5.0);
  }
}
