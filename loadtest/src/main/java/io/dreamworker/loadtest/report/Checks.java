package io.dreamworker.loadtest.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The argument checks the results model shares, so that every record words its refusals the same
 * way: the name of the field, what it must be, and the value it got.
 */
final class Checks {
  private Checks() {}

  static String nonBlank(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank, got \"" + value + "\"");
    }
    return value;
  }

  static long nonNegative(long value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must be >= 0, got " + value);
    }
    return value;
  }

  static int nonNegative(int value, String what) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must be >= 0, got " + value);
    }
    return value;
  }

  static double finiteNonNegative(double value, String what) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(what + " must be a finite number >= 0, got " + value);
    }
    return value;
  }

  /** An unmodifiable copy that keeps the caller's order; keys must not be blank, values not null. */
  static <V> Map<String, V> orderedCopy(Map<String, V> map, String what) {
    Objects.requireNonNull(map, what);
    Map<String, V> copy = new LinkedHashMap<>();
    for (Map.Entry<String, V> e : map.entrySet()) {
      if (e.getKey() == null || e.getKey().isBlank()) {
        throw new IllegalArgumentException(what + " has a blank or null key: \"" + e.getKey() + "\"");
      }
      if (e.getValue() == null) {
        throw new IllegalArgumentException(what + "[" + e.getKey() + "] must not be null");
      }
      copy.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }

  /** {@link #orderedCopy} for numbers that must be finite and not negative (means, batch sizes). */
  static Map<String, Double> finiteNonNegativeValues(Map<String, Double> map, String what) {
    Map<String, Double> copy = orderedCopy(map, what);
    copy.forEach((key, value) -> finiteNonNegative(value, what + "[" + key + "]"));
    return copy;
  }

  /** An unmodifiable copy that names the index of a null element. */
  static <T> List<T> listCopy(List<T> list, String what) {
    Objects.requireNonNull(list, what);
    List<T> copy = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      int index = i;
      copy.add(Objects.requireNonNull(list.get(i), () -> what + "[" + index + "] must not be null"));
    }
    return Collections.unmodifiableList(copy);
  }
}
