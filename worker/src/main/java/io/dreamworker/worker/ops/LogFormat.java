package io.dreamworker.worker.ops;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/** How the worker writes its logs to stderr. */
public enum LogFormat {
  /** Human-readable lines, for the command line. */
  TEXT,
  /** One JSON object per line ({@link JsonLogEncoder}), for the service and its log pipeline. */
  JSON;

  /** The variable (system property or environment variable) that chooses the format. */
  public static final String VARIABLE = "DREAMWORKER_LOG_FORMAT";

  /** The name logback.xml knows the format by (its appender's name). */
  public String appenderName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The format {@code text} names, in any case.
   *
   * @throws IllegalArgumentException naming the value and the formats there are
   */
  public static LogFormat parse(String text) {
    for (LogFormat f : values()) {
      if (f.appenderName().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException(VARIABLE + "=" + text + " is not a log format; use one of "
        + Arrays.stream(values()).map(LogFormat::appenderName).collect(Collectors.joining(", ")));
  }

  /**
   * The format the user chose with {@value #VARIABLE}: the system property first, as logback.xml
   * reads it, then the environment; empty when neither sets it.
   *
   * @throws IllegalArgumentException when the value names no format
   */
  public static Optional<LogFormat> chosen(Properties systemProperties, Map<String, String> env) {
    String value = systemProperties.getProperty(VARIABLE, env.get(VARIABLE));
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(parse(value));
  }
}
