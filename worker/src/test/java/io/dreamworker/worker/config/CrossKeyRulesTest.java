package io.dreamworker.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CrossKeyRulesTest {
  private static ResolvedValues values(Duration initial, Duration max, List<String> jobs, String events, String dlq) {
    ResolvedValues v = new ResolvedValues();
    v.put(ConfigKeys.S3_RETRY_INITIAL_BACKOFF, initial);
    v.put(ConfigKeys.S3_RETRY_MAX_BACKOFF, max);
    v.put(ConfigKeys.KAFKA_JOBS_TOPICS, jobs);
    v.put(ConfigKeys.KAFKA_EVENTS_TOPIC, events);
    v.put(ConfigKeys.KAFKA_DEAD_LETTER_TOPIC, dlq);
    return v;
  }

  @Test
  void consistentValues_breakNoRule() {
    assertThat(CrossKeyRules.check(values(Duration.ofSeconds(5), Duration.ofSeconds(5), List.of("j"), "e", "d")))
        .isEmpty();
  }

  @Test
  void initialBackoffLongerThanMax_namesBothKeysAndValues() {
    assertThat(CrossKeyRules.check(values(Duration.ofSeconds(10), Duration.ofSeconds(5), List.of("j"), "e", "d")))
        .containsExactly("s3.retry.initial-backoff (10s) is longer than s3.retry.max-backoff (5s);"
            + " lower s3.retry.initial-backoff or raise s3.retry.max-backoff");
  }

  @Test
  void sharedOutputTopics_areReportedNamingBothKeys() {
    assertThat(CrossKeyRules.check(values(Duration.ZERO, Duration.ZERO, List.of("j"), "x", "x")))
        .singleElement().asString().startsWith("kafka.events-topic and kafka.dead-letter-topic are both \"x\"");
    assertThat(CrossKeyRules.check(values(Duration.ZERO, Duration.ZERO, List.of("j", "e", "d"), "e", "d")))
        .containsExactly(
            "kafka.jobs-topics contains \"e\", which is also kafka.events-topic; the worker would consume what it"
                + " writes there as jobs, so give kafka.events-topic a topic of its own",
            "kafka.jobs-topics contains \"d\", which is also kafka.dead-letter-topic; the worker would consume what"
                + " it writes there as jobs, so give kafka.dead-letter-topic a topic of its own");
  }

  @Test
  void ruleWhoseKeyHasItsOwnProblem_isSkipped() {
    ResolvedValues v = new ResolvedValues();
    v.put(ConfigKeys.S3_RETRY_INITIAL_BACKOFF, Duration.ofHours(1));
    assertThat(CrossKeyRules.check(v)).isEmpty();
  }
}
