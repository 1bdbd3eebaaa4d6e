package io.dreamworker.worker.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real stack for the whole class, as a start costs seconds: the tests run in order and the
 * last one closes it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedStackTest {
  @TempDir static Path dir;
  static EmbeddedStack stack;

  @BeforeAll
  static void startStack() {
    stack = EmbeddedStack.start(dir.resolve("stack"));
  }

  /** When a test before the last failed: closing twice is harmless. */
  @AfterAll
  static void stopStack() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void start_bothServersAnswerOnLoopback() {
    stack.kafka().createTopics(Map.of("dreamworker.jobs", 2));
    stack.s3().createBucket("dreamworker-outputs");

    assertThat(stack.kafka().bootstrapServers()).startsWith("127.0.0.1:");
    assertThat(stack.s3().endpoint().getHost()).isEqualTo("127.0.0.1");
    assertThat(stack.kafka().dataDir()).isEqualTo(stack.root().resolve("kafka"));
    assertThat(stack.s3().dataDir()).isEqualTo(stack.root().resolve("s3"));
  }

  @Test
  @Order(2)
  void addresses_areWrittenAsTheWorkersEnvironmentOverrides() throws Exception {
    EmbeddedStack.Addresses a = stack.addresses();

    assertThat(a.kafkaBootstrapServers()).isEqualTo(stack.kafka().bootstrapServers());
    assertThat(a.s3Endpoint()).isEqualTo(stack.s3().endpoint());
    assertThat(Files.readAllLines(stack.addressesFile())).contains(
        "DREAMWORKER_KAFKA_BOOTSTRAP_SERVERS=" + a.kafkaBootstrapServers(),
        "DREAMWORKER_S3_ENDPOINT=" + a.s3Endpoint(),
        "DREAMWORKER_S3_REGION=us-east-1",
        "DREAMWORKER_S3_PATH_STYLE=true",
        "AWS_ACCESS_KEY_ID=" + stack.s3().accessKeyId(),
        "AWS_SECRET_ACCESS_KEY=" + stack.s3().secretAccessKey());
  }

  @Test
  @Order(3)
  void close_stopsBothServersAndKeepsTheFolder() {
    int kafkaPort = Integer.parseInt(stack.kafka().bootstrapServers().split(":")[1]);
    URI s3 = stack.s3().endpoint();

    stack.close();

    assertThat(LoopbackPorts.accepts(kafkaPort)).isFalse();
    assertThat(LoopbackPorts.accepts(s3.getPort())).isFalse();
    assertThat(stack.s3().isRunning()).isFalse();
    assertThat(stack.kafka().logFile()).exists();
    assertThat(stack.root().resolve("s3/blobs/dreamworker-outputs")).isDirectory();
  }
}
