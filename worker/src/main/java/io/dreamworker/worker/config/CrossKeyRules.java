package io.dreamworker.worker.config;

import static io.dreamworker.worker.config.ConfigKeys.KAFKA_DEAD_LETTER_TOPIC;
import static io.dreamworker.worker.config.ConfigKeys.KAFKA_EVENTS_TOPIC;
import static io.dreamworker.worker.config.ConfigKeys.KAFKA_JOBS_TOPICS;
import static io.dreamworker.worker.config.ConfigKeys.S3_RETRY_INITIAL_BACKOFF;
import static io.dreamworker.worker.config.ConfigKeys.S3_RETRY_MAX_BACKOFF;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Rules over two keys. Each message names both keys, their values and the fix. A rule is skipped
 * when one of its keys already has a problem of its own.
 */
final class CrossKeyRules {
  private CrossKeyRules() {}

  static List<String> check(ResolvedValues v) {
    List<String> problems = new ArrayList<>();
    if (v.has(S3_RETRY_INITIAL_BACKOFF, S3_RETRY_MAX_BACKOFF)) {
      Duration initial = v.get(S3_RETRY_INITIAL_BACKOFF);
      Duration max = v.get(S3_RETRY_MAX_BACKOFF);
      if (initial.compareTo(max) > 0) {
        problems.add(S3_RETRY_INITIAL_BACKOFF.name() + " (" + DurationText.format(initial) + ") is longer than "
            + S3_RETRY_MAX_BACKOFF.name() + " (" + DurationText.format(max) + "); lower "
            + S3_RETRY_INITIAL_BACKOFF.name() + " or raise " + S3_RETRY_MAX_BACKOFF.name());
      }
    }
    if (v.has(KAFKA_EVENTS_TOPIC, KAFKA_DEAD_LETTER_TOPIC)
        && v.get(KAFKA_EVENTS_TOPIC).equals(v.get(KAFKA_DEAD_LETTER_TOPIC))) {
      problems.add(KAFKA_EVENTS_TOPIC.name() + " and " + KAFKA_DEAD_LETTER_TOPIC.name() + " are both \""
          + v.get(KAFKA_EVENTS_TOPIC) + "\"; give dead letters their own topic, so that readers of"
          + " completion events never meet raw job records");
    }
    for (ConfigKey<String> output : List.of(KAFKA_EVENTS_TOPIC, KAFKA_DEAD_LETTER_TOPIC)) {
      if (v.has(KAFKA_JOBS_TOPICS, output) && v.get(KAFKA_JOBS_TOPICS).contains(v.get(output))) {
        problems.add(KAFKA_JOBS_TOPICS.name() + " contains \"" + v.get(output) + "\", which is also "
            + output.name() + "; the worker would consume what it writes there as jobs, so give "
            + output.name() + " a topic of its own");
      }
    }
    return problems;
  }
}
