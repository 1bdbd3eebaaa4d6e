package io.dreamworker.worker.config;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The constraints the configuration keys use; each message names the value and the fix. */
final class Constraints {
  /** Kafka's own rule for topic names (org.apache.kafka.common.internals.Topic). */
  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  /** S3's rule for bucket names (general purpose buckets), which S3-compatible servers follow too. */
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  /** CloudWatch's rule for metric namespaces. */
  private static final Pattern CLOUDWATCH_NAMESPACE = Pattern.compile("[0-9A-Za-z._/#: -]{1,255}");
  private static final int MAX_PORT = 65_535;

  private Constraints() {}

  static Constraint<Number> between(long min, long max) {
    return of(min + " to " + max, v -> {
      long n = v.longValue();
      if (n < min) {
        return n + " is below the minimum " + min;
      }
      return n > max ? n + " is above the maximum " + max : null;
    });
  }

  static Constraint<Long> bytesBetween(long min, long max) {
    String lo = ByteSizeText.format(min);
    String hi = ByteSizeText.format(max);
    return of(lo + " to " + hi, v -> {
      if (v < min) {
        return ByteSizeText.format(v) + " is below the minimum " + lo;
      }
      return v > max ? ByteSizeText.format(v) + " is above the maximum " + hi : null;
    });
  }

  static Constraint<Duration> durationBetween(Duration min, Duration max) {
    String lo = DurationText.format(min);
    String hi = DurationText.format(max);
    return of(lo + " to " + hi, v -> {
      if (v.compareTo(min) < 0) {
        return DurationText.format(v) + " is below the minimum " + lo;
      }
      return v.compareTo(max) > 0 ? DurationText.format(v) + " is above the maximum " + hi : null;
    });
  }

  static Constraint<String> nonBlank() {
    return of("not blank", v -> v.isBlank() ? "must not be blank; give a value" : null);
  }

  static Constraint<String> topicName() {
    return of("a Kafka topic name", Constraints::topicProblem);
  }

  static Constraint<List<String>> topicNames() {
    return of("one or more Kafka topic names", v -> {
      if (v.isEmpty()) {
        return "the list is empty; give at least one topic";
      }
      return listProblem(v, Constraints::topicProblem);
    });
  }

  static Constraint<String> bucketName() {
    return of("an S3 bucket name", Constraints::bucketProblem);
  }

  static Constraint<List<String>> bucketNames() {
    return of("S3 bucket names", v -> listProblem(v, Constraints::bucketProblem));
  }

  /** Comma-separated {@code host:port} pairs, as Kafka's {@code bootstrap.servers} takes them. */
  static Constraint<String> hostPorts() {
    return of("host:port[,host:port...]", v -> listProblem(
        List.of(v.split(",", -1)).stream().map(String::strip).toList(), hp -> {
          int colon = hp.lastIndexOf(':');
          if (colon <= 0) {
            return "\"" + hp + "\" is not host:port; write for example localhost:9092";
          }
          String port = hp.substring(colon + 1);
          if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > MAX_PORT) {
            return "\"" + hp + "\" has no port between 1 and " + MAX_PORT + "; write for example "
                + hp.substring(0, colon) + ":9092";
          }
          return null;
        }));
  }

  /** An absent value, or an absolute http(s) URI with a host. */
  static Constraint<Optional<URI>> httpUri() {
    return of("empty or an http(s) URI", v -> v.map(uri -> {
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        return "\"" + uri + "\" is not an http(s) URI with a host; write for example"
            + " http://127.0.0.1:9000, or leave it empty for AWS";
      }
      return null;
    }).orElse(null));
  }

  /** Empty, or the start of a Kafka transactional id: letters, digits, dots, underscores, hyphens. */
  static Constraint<Optional<String>> transactionalIdPrefix() {
    return of("empty, or up to 200 of A-Z a-z 0-9 . _ -", v -> v.map(prefix ->
        prefix.matches("[A-Za-z0-9._-]{1,200}") ? null : "\"" + prefix + "\" is not a transactional id prefix; use"
            + " up to 200 letters, digits, dots, underscores and hyphens, for example dreamworker").orElse(null));
  }

  /** An S3 key prefix: relative, since keys never start with a slash. */
  static Constraint<String> keyPrefix() {
    return of("a key prefix without a leading /", v -> v.startsWith("/")
        ? "\"" + v + "\" starts with /; S3 keys are relative, write " + v.replaceFirst("^/+", "") : null);
  }

  static Constraint<String> cloudWatchNamespace() {
    return of("a CloudWatch namespace", v -> {
      if (!CLOUDWATCH_NAMESPACE.matcher(v).matches() || v.isBlank()) {
        return "\"" + v + "\" is not a CloudWatch namespace; use 1 to 255 letters, digits and . - _ / # : or"
            + " space, for example Dreamworker";
      }
      return v.startsWith("AWS/") ? "\"" + v + "\" starts with AWS/, which CloudWatch reserves for AWS"
          + " services; choose another, for example Dreamworker" : null;
    });
  }

  /**
   * Extra Kafka client properties. Those that other keys set, or that the worker sets itself for
   * exactly-once processing, are refused: a second place to set them would silently win or lose.
   */
  static Constraint<Map<String, String>> kafkaProperties(Map<String, String> setByKey, Set<String> setByWorker) {
    return of("none that another key or the worker sets", v -> {
      for (String name : v.keySet()) {
        if (name.isBlank()) {
          return "has a property with a blank name; remove it";
        }
        if (setByKey.containsKey(name)) {
          return "sets " + name + ", which comes from " + setByKey.get(name) + "; set that key instead"
              + " and remove " + name + " from kafka.properties";
        }
        if (setByWorker.contains(name)) {
          return "sets " + name + ", which the worker sets itself for exactly-once processing; remove it";
        }
      }
      return null;
    });
  }

  private static String topicProblem(String t) {
    if (!TOPIC.matcher(t).matches() || t.equals(".") || t.equals("..")) {
      return "\"" + t + "\" is not a Kafka topic name; use 1 to 249 letters, digits, '.', '_' or '-'";
    }
    return null;
  }

  private static String bucketProblem(String b) {
    if (!BUCKET.matcher(b).matches() || b.contains("..")) {
      return "\"" + b + "\" is not an S3 bucket name; use 3 to 63 lower-case letters, digits, '.' or"
          + " '-', starting and ending with a letter or digit";
    }
    return null;
  }

  /** The first element's problem, or a duplicate. */
  private static String listProblem(List<String> values, Function<String, String> each) {
    Set<String> seen = new HashSet<>();
    for (String v : values) {
      String p = each.apply(v);
      if (p != null) {
        return p;
      }
      if (!seen.add(v)) {
        return "\"" + v + "\" is listed twice; list it once";
      }
    }
    return null;
  }

  private static <T> Constraint<T> of(String description, Function<T, String> problemOrNull) {
    return new Constraint<>() {
      @Override
      public Optional<String> problem(T value) {
        return Optional.ofNullable(problemOrNull.apply(value));
      }

      @Override
      public String description() {
        return description;
      }
    };
  }
}
