package io.dreamworker.worker.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The typed values of the keys that parsed and met their constraints, before the sections are
 * assembled. Keys with problems are absent, so that rules over several keys skip them instead of
 * reporting the same mistake twice.
 */
final class ResolvedValues {
  private final Map<ConfigKey<?>, Object> values = new LinkedHashMap<>();

  <T> void put(ConfigKey<T> key, T value) {
    values.put(key, value);
  }

  /** Whether every one of {@code keys} has a value. */
  boolean has(ConfigKey<?>... keys) {
    for (ConfigKey<?> k : keys) {
      if (!values.containsKey(k)) {
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked") // put() only stores a ConfigKey<T> with a T
  <T> T get(ConfigKey<T> key) {
    if (!values.containsKey(key)) {
      throw new NoSuchElementException(key.name() + " has no valid value");
    }
    return (T) values.get(key);
  }
}
