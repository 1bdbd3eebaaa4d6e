package io.dreamworker.worker.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One configuration key, defined once: everything else (loading, environment overrides,
 * validation, the documentation table) is derived from these definitions in {@link ConfigKeys}.
 *
 * @param name the key's dotted path in the YAML file ({@code kafka.bootstrap-servers})
 * @param type how values are read and written
 * @param defaultValue the value when the key is not set; empty for a required key
 * @param constraint what a value must satisfy besides parsing
 * @param documentation one line saying what the key does
 * @param <T> the Java type of the value
 */
public record ConfigKey<T>(String name, ValueType<T> type, Optional<T> defaultValue,
    Constraint<? super T> constraint, String documentation) {

  public ConfigKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(constraint, "constraint");
    Objects.requireNonNull(documentation, "documentation");
    defaultValue.ifPresent(v -> constraint.problem(v).ifPresent(p -> {
      throw new IllegalArgumentException("the default of " + name + " breaks its own constraint: " + p);
    }));
  }

  /** A key with a default. */
  static <T> ConfigKey<T> optional(String name, ValueType<T> type, T defaultValue,
      Constraint<? super T> constraint, String documentation) {
    return new ConfigKey<>(name, type, Optional.of(defaultValue), constraint, documentation);
  }

  /** A key that must be set, in the file or the environment. */
  static <T> ConfigKey<T> required(String name, ValueType<T> type, Constraint<? super T> constraint,
      String documentation) {
    return new ConfigKey<>(name, type, Optional.empty(), constraint, documentation);
  }

  /** Whether the key has no default and must be set. */
  public boolean isRequired() {
    return defaultValue.isEmpty();
  }

  /**
   * The environment variable that overrides the key ({@code DREAMWORKER_KAFKA_BOOTSTRAP_SERVERS});
   * for a map key, the pattern of the variables that set one entry each.
   */
  public String envVar() {
    return type.envVar(name);
  }
}
