package io.dreamworker.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConstraintsTest {

  @Test
  void between_namesTheValueAndTheBoundItCrosses() {
    Constraint<Number> c = Constraints.between(1, 10);
    assertThat(c.problem(0)).contains("0 is below the minimum 1");
    assertThat(c.problem(11L)).contains("11 is above the maximum 10");
    assertThat(c.problem(1)).isEmpty();
    assertThat(c.problem(10)).isEmpty();
    assertThat(c.description()).isEqualTo("1 to 10");
  }

  @Test
  void bytesAndDurations_areWrittenInTheirUnits() {
    assertThat(Constraints.bytesBetween(1024, 1L << 30).problem(512L)).contains("512 is below the minimum 1KiB");
    assertThat(Constraints.bytesBetween(1024, 1L << 30).problem(2L << 30)).contains("2GiB is above the maximum 1GiB");
    Constraint<Duration> d = Constraints.durationBetween(Duration.ofMillis(1), Duration.ofMinutes(1));
    assertThat(d.problem(Duration.ZERO)).contains("0s is below the minimum 1ms");
    assertThat(d.problem(Duration.ofMinutes(2))).contains("2m is above the maximum 1m");
    assertThat(d.description()).isEqualTo("1ms to 1m");
  }

  @Test
  void topics_followKafkasRules_andAListNeedsOneWithoutDuplicates() {
    assertThat(Constraints.topicName().problem("dreamworker.jobs")).isEmpty();
    assertThat(Constraints.topicName().problem("jobs topic")).get().asString().contains("is not a Kafka topic name");
    assertThat(Constraints.topicName().problem("..")).isPresent();
    assertThat(Constraints.topicNames().problem(List.of())).contains("the list is empty; give at least one topic");
    assertThat(Constraints.topicNames().problem(List.of("a", "a"))).contains("\"a\" is listed twice; list it once");
  }

  @Test
  void buckets_followS3sRules() {
    assertThat(Constraints.bucketName().problem("dreamworker-outputs")).isEmpty();
    assertThat(Constraints.bucketName().problem("Outputs")).isPresent();
    assertThat(Constraints.bucketName().problem("ab")).isPresent();
    assertThat(Constraints.bucketName().problem("a..b")).isPresent();
    assertThat(Constraints.bucketNames().problem(List.of())).isEmpty();
    assertThat(Constraints.bucketNames().problem(List.of("ok-bucket", "Bad_Bucket"))).get().asString()
        .contains("\"Bad_Bucket\" is not an S3 bucket name");
  }

  @Test
  void hostPorts_needAPortInRangeForEveryServer() {
    assertThat(Constraints.hostPorts().problem("localhost:9092")).isEmpty();
    assertThat(Constraints.hostPorts().problem("a:9092, b:9093,[::1]:9094")).isEmpty();
    assertThat(Constraints.hostPorts().problem("localhost")).contains(
        "\"localhost\" is not host:port; write for example localhost:9092");
    assertThat(Constraints.hostPorts().problem("a:9092,b:99999")).contains(
        "\"b:99999\" has no port between 1 and 65535; write for example b:9092");
    assertThat(Constraints.hostPorts().problem("a:x")).isPresent();
  }

  @Test
  void httpUri_needsAnHttpSchemeAndAHost() {
    assertThat(Constraints.httpUri().problem(Optional.empty())).isEmpty();
    assertThat(Constraints.httpUri().problem(Optional.of(URI.create("https://s3.local:9000")))).isEmpty();
    assertThat(Constraints.httpUri().problem(Optional.of(URI.create("s3.local:9000")))).get().asString()
        .contains("is not an http(s) URI with a host");
    assertThat(Constraints.httpUri().problem(Optional.of(URI.create("ftp://host")))).isPresent();
  }

  @Test
  void keyPrefix_mustBeRelative() {
    assertThat(Constraints.keyPrefix().problem("outputs/x")).isEmpty();
    assertThat(Constraints.keyPrefix().problem("/outputs")).contains(
        "\"/outputs\" starts with /; S3 keys are relative, write outputs");
  }

  @Test
  void cloudWatchNamespace_refusesOddCharactersAndTheAwsPrefix() {
    assertThat(Constraints.cloudWatchNamespace().problem("Dreamworker/Prod")).isEmpty();
    assertThat(Constraints.cloudWatchNamespace().problem("AWS/Kafka")).get().asString().contains("reserves");
    assertThat(Constraints.cloudWatchNamespace().problem("a|b")).isPresent();
    assertThat(Constraints.cloudWatchNamespace().problem(" ")).isPresent();
  }

  @Test
  void kafkaProperties_refuseThoseSetElsewhere_namingWhere() {
    Constraint<Map<String, String>> c = Constraints.kafkaProperties(
        Map.of("group.id", "kafka.group-id"), Set.of("isolation.level"));
    assertThat(c.problem(Map.of("security.protocol", "SSL"))).isEmpty();
    assertThat(c.problem(Map.of("group.id", "g"))).contains(
        "sets group.id, which comes from kafka.group-id; set that key instead and remove group.id from kafka.properties");
    assertThat(c.problem(Map.of("isolation.level", "read_uncommitted"))).get().asString()
        .contains("the worker sets itself for exactly-once");
    assertThat(c.problem(Map.of(" ", "x"))).get().asString().contains("blank name");
  }

  @Test
  void nonBlankAndNone_doWhatTheySay() {
    assertThat(Constraints.nonBlank().problem(" ")).isPresent();
    assertThat(Constraints.nonBlank().problem("x")).isEmpty();
    assertThat(Constraint.none().problem("anything")).isEmpty();
    assertThat(Constraint.none().description()).isEmpty();
  }
}
