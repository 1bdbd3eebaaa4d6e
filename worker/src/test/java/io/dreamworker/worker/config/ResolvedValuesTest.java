package io.dreamworker.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ResolvedValuesTest {

  @Test
  void putValue_isReturnedByItsKey() {
    ResolvedValues v = new ResolvedValues();
    v.put(ConfigKeys.HTTP_PORT, 9090);
    assertThat(v.get(ConfigKeys.HTTP_PORT)).isEqualTo(9090);
    assertThat(v.has(ConfigKeys.HTTP_PORT)).isTrue();
    assertThat(v.has(ConfigKeys.HTTP_PORT, ConfigKeys.HTTP_HOST)).isFalse();
  }

  @Test
  void keyWithoutValue_failsNamingIt() {
    assertThatThrownBy(() -> new ResolvedValues().get(ConfigKeys.HTTP_HOST))
        .isInstanceOf(NoSuchElementException.class).hasMessage("http.host has no valid value");
  }
}
