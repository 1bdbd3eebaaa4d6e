package io.dreamworker.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigKeyTest {

  @Test
  void envVar_isDerivedFromTheName() {
    ConfigKey<Integer> key = ConfigKey.optional("s3.retry.max-attempts", ValueTypes.INT, 5, Constraint.none(), "d");
    assertThat(key.envVar()).isEqualTo("DREAMWORKER_S3_RETRY_MAX_ATTEMPTS");
    assertThat(key.isRequired()).isFalse();
    assertThat(key.defaultValue()).contains(5);
  }

  @Test
  void required_hasNoDefault() {
    ConfigKey<String> key = ConfigKey.required("a.b", ValueTypes.STRING, Constraint.none(), "d");
    assertThat(key.isRequired()).isTrue();
    assertThat(key.defaultValue()).isEmpty();
  }

  @Test
  void defaultThatBreaksItsOwnConstraint_isRefusedAtDefinition() {
    assertThatThrownBy(() -> ConfigKey.optional("a.b", ValueTypes.INT, 0, Constraints.between(1, 2), "d"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the default of a.b breaks its own constraint: 0 is below the minimum 1");
  }
}
