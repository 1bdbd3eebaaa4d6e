package io.dreamworker.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigExceptionTest {

  @Test
  void oneProblem_isTheMessagesOneLine() {
    assertThat(new ConfigException(List.of("http.port: 70000 is above the maximum 65535")))
        .hasMessage("invalid configuration: http.port: 70000 is above the maximum 65535");
  }

  @Test
  void severalProblems_areListedOneALine() {
    ConfigException e = new ConfigException(List.of("a: x", "b: y"));
    assertThat(e).hasMessage("invalid configuration, 2 problems:\n  a: x\n  b: y");
    assertThat(e.problems()).containsExactly("a: x", "b: y");
  }

  @Test
  void configException_isAUserErrorForTheCommandLine() {
    assertThat(new ConfigException(List.of("a: x"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noProblem_isABug() {
    assertThatThrownBy(() -> new ConfigException(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
