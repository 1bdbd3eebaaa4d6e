package io.dreamworker.worker.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {
  private static final Map<String, String> USER = Map.of(
      "security.protocol", "SASL_SSL",
      "enable.auto.commit", "true",
      "linger.ms", "50",
      "bootstrap.servers", "elsewhere:9092");

  private final KafkaClients clients = new KafkaClients("b1:9092,b2:9092", "workers", "consumer", "dreamworker-w1", USER);

  @Test
  void consumer_keepsTheSettingsTheOffsetLogicNeedsOverTheUsers() {
    Properties props = clients.consumerProperties(64);
    assertThat(props)
        .containsEntry("enable.auto.commit", "false")
        .containsEntry("auto.offset.reset", "earliest")
        .containsEntry("group.id", "workers")
        .containsEntry("group.protocol", "consumer")
        .containsEntry("isolation.level", "read_committed")
        .containsEntry("bootstrap.servers", "b1:9092,b2:9092")
        .containsEntry("security.protocol", "SASL_SSL");
  }

  @Test
  void consumer_pollsNoMoreRecordsThanTheInFlightBound() {
    assertThat(clients.consumerProperties(8)).containsEntry("max.poll.records", "8");
    assertThat(clients.consumerProperties(10_000)).containsEntry("max.poll.records",
        Integer.toString(KafkaClients.MAX_POLL_RECORDS_CAP));
  }

  @Test
  void producer_isIdempotentWithAcksAllAndKeepsTheUsersTuning() {
    Properties props = clients.producerProperties();
    assertThat(props)
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", "true")
        .containsEntry("linger.ms", "50")
        .containsEntry("client.id", "dreamworker-w1");
  }

  @Test
  void unknownGroupProtocol_isRefusedNamingTheKey() {
    assertThatThrownBy(() -> new KafkaClients("b:9092", "g", "eager", "c", Map.of()))
        .hasMessageContaining("kafka.group-protocol");
  }
}
