package io.dreamworker.model.diffusion.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/**
 * Reads the fields of a diffusers scheduler config.json: a missing or {@code null} field takes the
 * reference's default, a field of the wrong type fails with a message naming the scheduler class,
 * the field and the value.
 */
final class ConfigFields {
  private final JsonNode node;
  private final String owner;

  ConfigFields(JsonNode node, String owner) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(owner + " config must be a JSON object, got " + node);
    }
    this.node = node;
    this.owner = owner;
  }

  String owner() {
    return owner;
  }

  boolean present(String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  int integer(String field, int defaultValue) {
    if (!present(field)) {
      return defaultValue;
    }
    JsonNode v = node.get(field);
    if (!v.canConvertToExactIntegral() || !v.canConvertToInt()) {
      throw invalid(field, v, "must be an integer");
    }
    return v.asInt();
  }

  double number(String field, double defaultValue) {
    if (!present(field)) {
      return defaultValue;
    }
    JsonNode v = node.get(field);
    if (!v.isNumber()) {
      throw invalid(field, v, "must be a number");
    }
    return v.asDouble();
  }

  boolean flag(String field, boolean defaultValue) {
    if (!present(field)) {
      return defaultValue;
    }
    JsonNode v = node.get(field);
    if (!v.isBoolean()) {
      throw invalid(field, v, "must be true or false");
    }
    return v.asBoolean();
  }

  String text(String field, String defaultValue) {
    if (!present(field)) {
      return defaultValue;
    }
    JsonNode v = node.get(field);
    if (!v.isTextual()) {
      throw invalid(field, v, "must be a string");
    }
    return v.asText();
  }

  /** A list of numbers, or {@code null} when absent. */
  double[] numbers(String field) {
    if (!present(field)) {
      return null;
    }
    JsonNode v = node.get(field);
    if (!v.isArray()) {
      throw invalid(field, v, "must be a list of numbers");
    }
    double[] out = new double[v.size()];
    for (int i = 0; i < out.length; i++) {
      if (!v.get(i).isNumber()) {
        throw invalid(field, v.get(i), "must hold only numbers (element " + i + ")");
      }
      out[i] = v.get(i).asDouble();
    }
    return out;
  }

  /** Fails unless an optional feature this package does not implement is switched off. */
  void requireOff(String field, String why) {
    if (flag(field, false)) {
      throw new IllegalArgumentException(
          owner + " config: " + field + "=true is not supported (" + why + "); set \"" + field + "\": false");
    }
  }

  /** Rewraps an enum's parse error with the scheduler and field it came from. */
  <T> T parse(String field, String defaultValue, Function<String, T> parser) {
    String value = text(field, defaultValue);
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(owner + " config field '" + field + "': " + e.getMessage(), e);
    }
  }

  IllegalArgumentException invalid(String field, Object value, String problem) {
    return new IllegalArgumentException(owner + " config field '" + field + "' " + problem + ", got " + value);
  }
}
