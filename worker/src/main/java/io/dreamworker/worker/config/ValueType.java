package io.dreamworker.worker.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * How the values of one configuration key are read from YAML and from environment variables,
 * and written back for documentation. Implementations are in {@link ValueTypes}.
 *
 * @param <T> the Java type of the value
 */
public interface ValueType<T> {

  /** What a value looks like, for documentation: {@code integer}, {@code duration}. */
  String description();

  /** Parses the text of an environment variable or of a YAML scalar. */
  T parse(String text) throws InvalidValueException;

  /** The value as it would be written in the file; {@code parse(format(v))} is {@code v}. */
  String format(T value);

  /**
   * Reads a YAML node. Scalars go through {@link #parse}; lists and sections are refused unless
   * the type reads them.
   */
  default T fromYaml(JsonNode node) throws InvalidValueException {
    if (node.isValueNode()) {
      return parse(node.asText());
    }
    throw new InvalidValueException("expected " + description() + ", got "
        + (node.isArray() ? "a list" : "a section of keys"));
  }

  /**
   * The environment variable that overrides a key: {@code DREAMWORKER_} and the key's path
   * upper-cased, with {@code .} and {@code -} turned into {@code _}.
   */
  default String envVar(String keyName) {
    return ENV_PREFIX + keyName.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The prefix of every configuration environment variable. */
  String ENV_PREFIX = "DREAMWORKER_";
}
