package io.dreamworker.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

  @Test
  void topicsAndProperties_areCopied_soTheSettingsCannotChangeLater() {
    List<String> topics = new ArrayList<>(List.of("jobs"));
    Map<String, String> props = new HashMap<>(Map.of("security.protocol", "SSL"));
    KafkaSettings k = settings("g", topics, Optional.empty(), props);
    topics.add("other");
    props.put("linger.ms", "5");
    assertThat(k.jobsTopics()).containsExactly("jobs");
    assertThat(k.properties()).containsOnlyKeys("security.protocol");
    assertThatThrownBy(() -> k.jobsTopics().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void missingValue_isRefused() {
    assertThatThrownBy(() -> new KafkaSettings(null, "g", List.of(), "e", "d", KafkaSettings.GroupProtocol.CONSUMER,
        1, 1, 75, KafkaSettings.Delivery.EXACTLY_ONCE, Optional.empty(), Duration.ofSeconds(15),
        Duration.ofMillis(100), 4096, Map.of())).isInstanceOf(NullPointerException.class).hasMessage("bootstrapServers");
  }

  @Test
  void transactionalId_isThePrefixOrTheGroupThenTheWorker() {
    assertThat(settings("fleet", List.of("jobs"), Optional.empty(), Map.of()).transactionalId("gpu-7"))
        .isEqualTo("fleet-gpu-7");
    assertThat(settings("fleet", List.of("jobs"), Optional.of("dw-prod"), Map.of()).transactionalId("gpu-7"))
        .isEqualTo("dw-prod-gpu-7");
  }

  private static KafkaSettings settings(String group, List<String> topics, Optional<String> prefix,
      Map<String, String> props) {
    return new KafkaSettings("b:9092", group, topics, "e", "d", KafkaSettings.GroupProtocol.CLASSIC, 4, 100, 75,
        KafkaSettings.Delivery.EXACTLY_ONCE, prefix, Duration.ofSeconds(15), Duration.ofMillis(100), 4096, props);
  }
}
