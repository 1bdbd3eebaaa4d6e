package io.dreamworker.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

  @Test
  void topicsAndProperties_areCopied_soTheSettingsCannotChangeLater() {
    List<String> topics = new ArrayList<>(List.of("jobs"));
    Map<String, String> props = new HashMap<>(Map.of("security.protocol", "SSL"));
    KafkaSettings k = new KafkaSettings("b:9092", "g", topics, "e", "d", KafkaSettings.GroupProtocol.CLASSIC, 4, props);
    topics.add("other");
    props.put("linger.ms", "5");
    assertThat(k.jobsTopics()).containsExactly("jobs");
    assertThat(k.properties()).containsOnlyKeys("security.protocol");
    assertThatThrownBy(() -> k.jobsTopics().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void missingValue_isRefused() {
    assertThatThrownBy(() -> new KafkaSettings(null, "g", List.of(), "e", "d", KafkaSettings.GroupProtocol.CONSUMER,
        1, Map.of())).isInstanceOf(NullPointerException.class).hasMessage("bootstrapServers");
  }
}
