package io.dreamworker.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggestionsTest {
  private static final List<String> KEYS = List.of("kafka.bootstrap-servers", "kafka.group-id", "http.port",
      "s3.retry.max-attempts");

  @Test
  void typo_suggestsTheClosestKey() {
    assertThat(KeySuggestions.closest("kafka.bootstrap.servers", KEYS, '.')).contains("kafka.bootstrap-servers");
    assertThat(KeySuggestions.closest("kafka.bootstrap-server", KEYS, '.')).contains("kafka.bootstrap-servers");
    assertThat(KeySuggestions.closest("http.prot", KEYS, '.')).contains("http.port");
    assertThat(KeySuggestions.closest("Kafka.Group-ID", KEYS, '.')).contains("kafka.group-id");
  }

  @Test
  void keyInTheWrongSection_suggestsTheKeyWithItsLastWord() {
    assertThat(KeySuggestions.closest("kafka.port", KEYS, '.')).contains("http.port");
    assertThat(KeySuggestions.closest("s3.max-attempts", KEYS, '.')).contains("s3.retry.max-attempts");
  }

  @Test
  void nothingClose_suggestsNothing() {
    assertThat(KeySuggestions.closest("metrics.enabled", KEYS, '.')).isEmpty();
    assertThat(KeySuggestions.closest("x", List.of(), '.')).isEmpty();
  }

  @Test
  void distance_isLevenshtein() {
    assertThat(KeySuggestions.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(KeySuggestions.distance("", "abc")).isEqualTo(3);
    assertThat(KeySuggestions.distance("same", "same")).isZero();
  }
}
