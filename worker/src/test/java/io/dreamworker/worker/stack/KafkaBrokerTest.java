package io.dreamworker.worker.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against one real broker for the whole class: a start costs seconds. */
class KafkaBrokerTest {
  /** How long a consumer may take to join its group and fetch: seconds at most on this broker. */
  private static final Duration CONSUME_TIMEOUT = Duration.ofSeconds(30);

  @TempDir static Path dir;
  static KafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = KafkaBroker.start(StackLib.fromSystemProperty(), dir.resolve("kafka"));
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void start_answersOnLoopback() {
    assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
    assertThat(broker.logFile()).exists().isRegularFile();
    assertThat(broker.startupTime()).isPositive();
  }

  @Test
  void producedRecord_isConsumedByAConsumerProtocolGroup() {
    String topic = "plain-" + UUID.randomUUID();
    broker.createTopics(Map.of(topic, 2));
    try (KafkaProducer<String, String> producer = producer(new Properties())) {
      producer.send(new ProducerRecord<>(topic, "job-1", "hello")).get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }

    // KIP-848: the broker must run the new group coordinator protocol.
    List<ConsumerRecord<String, String>> read = consumeAll(topic, "read_uncommitted", 1);

    assertThat(read).singleElement().satisfies(r -> {
      assertThat(r.key()).isEqualTo("job-1");
      assertThat(r.value()).isEqualTo("hello");
    });
  }

  @Test
  void transaction_withConsumerOffsets_isVisibleOnceCommittedAndAbortedOneNever() throws Exception {
    String topic = "tx-" + UUID.randomUUID();
    String input = "tx-input-" + UUID.randomUUID();
    broker.createTopics(Map.of(topic, 1, input, 1));
    Properties tx = new Properties();
    tx.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + UUID.randomUUID());
    String group = "tx-group-" + UUID.randomUUID();
    TopicPartition inputPartition = new TopicPartition(input, 0);
    try (KafkaProducer<String, String> producer = producer(tx)) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "aborted", "never seen"));
      producer.abortTransaction();

      // As the worker commits: an event and the offsets it settles, in one transaction.
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, "committed", "seen"));
      producer.sendOffsetsToTransaction(Map.of(inputPartition, new OffsetAndMetadata(7, "done-above")),
          new org.apache.kafka.clients.consumer.ConsumerGroupMetadata(group));
      producer.commitTransaction();
    }

    List<ConsumerRecord<String, String>> read = consumeAll(topic, "read_committed", 1);

    assertThat(read).extracting(ConsumerRecord::key).containsExactly("committed");
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(inputPartition);
      assertThat(committed.offset()).isEqualTo(7);
      assertThat(committed.metadata()).isEqualTo("done-above");
    }
  }

  @Test
  void createTopics_ofAnExistingTopic_failsNamingIt() {
    String topic = "twice-" + UUID.randomUUID();
    broker.createTopics(Map.of(topic, 1));

    assertThatThrownBy(() -> broker.createTopics(Map.of(topic, 1)))
        .isInstanceOf(StackException.class)
        .hasMessageContaining("cannot create the topics {" + topic + "=1}")
        .hasMessageContaining(broker.bootstrapServers())
        .hasMessageContaining("already exists");
  }

  @Test
  void start_inAFolderWithABrokersData_isRefusedBeforeStarting() {
    assertThatThrownBy(() -> KafkaBroker.start(StackLib.fromSystemProperty(), broker.dataDir()))
        .isInstanceOf(StackException.class)
        .hasMessageContaining(broker.dataDir() + " holds a Kafka broker's data already")
        .hasMessageContaining("new or empty folder");
  }

  private static KafkaProducer<String, String> producer(Properties extra) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.putAll(extra);
    return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
  }

  private static List<ConsumerRecord<String, String>> consumeAll(String topic, String isolation, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    List<ConsumerRecord<String, String>> read = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + CONSUME_TIMEOUT.toNanos();
      while (read.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(read::add);
      }
    }
    return read;
  }
}
