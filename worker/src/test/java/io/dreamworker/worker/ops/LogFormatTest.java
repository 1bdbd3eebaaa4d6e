package io.dreamworker.worker.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LogFormatTest {

  @Test
  void parse_takesEitherNameInAnyCase() {
    assertThat(LogFormat.parse("json")).isEqualTo(LogFormat.JSON);
    assertThat(LogFormat.parse(" Text ")).isEqualTo(LogFormat.TEXT);
    assertThat(LogFormat.JSON.appenderName()).isEqualTo("json");
  }

  @Test
  void unknownFormat_isRefusedNamingTheVariableAndTheFormats() {
    assertThatThrownBy(() -> LogFormat.parse("yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("DREAMWORKER_LOG_FORMAT=yaml is not a log format; use one of text, json");
  }

  @Test
  void chosen_readsTheSystemPropertyFirst_thenTheEnvironment() {
    Properties props = new Properties();
    assertThat(LogFormat.chosen(props, Map.of())).isEmpty();
    assertThat(LogFormat.chosen(props, Map.of("DREAMWORKER_LOG_FORMAT", "json"))).contains(LogFormat.JSON);
    props.setProperty("DREAMWORKER_LOG_FORMAT", "text");
    assertThat(LogFormat.chosen(props, Map.of("DREAMWORKER_LOG_FORMAT", "json"))).contains(LogFormat.TEXT);
    assertThat(LogFormat.chosen(new Properties(), Map.of("DREAMWORKER_LOG_FORMAT", " "))).isEmpty();
  }
}
