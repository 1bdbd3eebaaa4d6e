package io.dreamworker.worker.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LagPublisherOptionsTest {

  @Test
  void disabled_isOffWithTheContractsDefaults() {
    LagPublisherOptions options = LagPublisherOptions.disabled();
    assertThat(options.enabled()).isFalse();
    assertThat(options.namespace()).isEqualTo("Dreamworker");
    assertThat(options.interval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.region()).isEmpty();
  }

  @Test
  void blankRegion_meansTheSdksChain() {
    assertThat(options("Dreamworker", Duration.ofSeconds(60), Optional.of("  ")).region()).isEmpty();
    assertThat(options("Dreamworker", Duration.ofSeconds(60), Optional.of(" eu-central-1 ")).region())
        .contains("eu-central-1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Dreamworker", "team/dreamworker-prod", "a.b_c#d:e f"})
  void cloudWatchNamespace_accepted(String namespace) {
    assertThat(options(namespace, Duration.ofSeconds(60), Optional.empty()).namespace()).isEqualTo(namespace);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ":leading-colon", "tab\there", "ünïcode"})
  void notANamespace_refusedWithTheRule(String namespace) {
    assertThatThrownBy(() -> options(namespace, Duration.ofSeconds(60), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a CloudWatch namespace");
  }

  @Test
  void namespaceLongerThanCloudWatchAllows_refused() {
    String longName = "n".repeat(LagPublisherOptions.MAX_NAMESPACE_LENGTH + 1);
    assertThatThrownBy(() -> options(longName, Duration.ofSeconds(60), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 to 255");
  }

  @Test
  void awsNamespace_refused() {
    assertThatThrownBy(() -> options("AWS/Kafka", Duration.ofSeconds(60), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keeps for AWS's own metrics");
  }

  @Test
  void intervalBelowOneSecond_refusedNamingTheKey() {
    assertThatThrownBy(() -> options("Dreamworker", Duration.ofMillis(500), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lag-publisher.interval PT0.5S");
  }

  private static LagPublisherOptions options(String namespace, Duration interval, Optional<String> region) {
    return new LagPublisherOptions(true, namespace, interval, region);
  }
}
