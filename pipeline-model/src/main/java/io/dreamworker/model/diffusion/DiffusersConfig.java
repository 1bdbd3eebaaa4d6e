package io.dreamworker.model.diffusion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dreamworker.model.config.ReferenceJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.StreamSupport;

/**
 * Typed reads of a diffusers {@code config.json}, where an absent field or {@code null} takes the
 * reference constructor's default, and every error names the model class, the field, the value
 * found and what would be accepted.
 */
public final class DiffusersConfig {
  private static final ObjectMapper JSON = ReferenceJson.mapper();

  private final JsonNode root;
  private final String owner;

  /**
   * @param root the parsed config
   * @param owner the reference class the config describes, used in messages
   */
  public DiffusersConfig(JsonNode root, String owner) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(owner + " config must be a JSON object, got " + root);
    }
    this.root = root;
    this.owner = owner;
  }

  /** Parses a {@code config.json} file. */
  public static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read diffusers config " + file + ": " + e.getMessage(), e);
    }
  }

  /** Whether the field is absent or JSON {@code null}. */
  public boolean isNull(String field) {
    JsonNode n = root.get(field);
    return n == null || n.isNull();
  }

  /** Whether the field is present with the value {@code null} (as opposed to absent). */
  public boolean isExplicitNull(String field) {
    JsonNode n = root.get(field);
    return n != null && n.isNull();
  }

  public String string(String field, String defaultValue) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return defaultValue;
    }
    if (!n.isTextual()) {
      throw invalid(field, n, "a string");
    }
    return n.asText();
  }

  public int integer(String field, int defaultValue) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return defaultValue;
    }
    return asInt(field, n);
  }

  public double number(String field, double defaultValue) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return defaultValue;
    }
    if (!n.isNumber()) {
      throw invalid(field, n, "a number");
    }
    return n.asDouble();
  }

  public boolean bool(String field, boolean defaultValue) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return defaultValue;
    }
    if (!n.isBoolean()) {
      throw invalid(field, n, "true or false");
    }
    return n.asBoolean();
  }

  /** A list of strings; a missing field gives {@code defaultValue}. */
  public List<String> strings(String field, List<String> defaultValue) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return defaultValue;
    }
    if (!n.isArray() || n.isEmpty()) {
      throw invalid(field, n, "a non-empty list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (!e.isTextual()) {
        throw invalid(field, n, "a list of strings");
      }
      out.add(e.asText());
    }
    return List.copyOf(out);
  }

  /** A list of positive integers; a missing field gives {@code defaultValue}. */
  public List<Integer> positiveInts(String field, List<Integer> defaultValue) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return defaultValue;
    }
    if (!n.isArray() || n.isEmpty()) {
      throw invalid(field, n, "a non-empty list of positive integers");
    }
    List<Integer> out = new ArrayList<>();
    for (JsonNode e : n) {
      int v = asInt(field, e);
      if (v <= 0) {
        throw invalid(field, n, "a list of positive integers");
      }
      out.add(v);
    }
    return List.copyOf(out);
  }

  /**
   * A field that diffusers accepts either as one integer for every level or as one integer per
   * level ({@code layers_per_block}, {@code attention_head_dim}, ...).
   *
   * @param levels the number of levels (the length of {@code down_block_types})
   */
  public List<Integer> perLevelInts(String field, int levels, int defaultValue) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return Collections.nCopies(levels, defaultValue);
    }
    if (n.isArray()) {
      if (n.size() != levels) {
        throw new IllegalArgumentException(
            owner + " config field '" + field + "' = " + n + " has " + n.size()
                + " entries but there are " + levels
                + " levels (down_block_types): give one integer, or one per level");
      }
      List<Integer> out = new ArrayList<>();
      for (JsonNode e : n) {
        if (e.isArray()) {
          throw invalid(field, n, "an integer or a flat list of integers (nested per-layer lists are not supported)");
        }
        out.add(asInt(field, e));
      }
      return List.copyOf(out);
    }
    return Collections.nCopies(levels, asInt(field, n));
  }

  /**
   * Fails unless the field is absent or {@code null}.
   *
   * @param why what the field would switch on, for the message
   */
  public void requireNull(String field, String why) {
    if (!isNull(field)) {
      throw new IllegalArgumentException(
          owner + " config field '" + field + "' = " + root.get(field) + " is not supported (" + why
              + "); supported: null");
    }
  }

  /** Fails unless the field is absent, {@code null}, or one of the supported values. */
  public void requireOneOf(String field, String... supported) {
    if (isNull(field)) {
      return;
    }
    String v = root.get(field).isTextual() ? root.get(field).asText() : root.get(field).toString();
    if (!Arrays.asList(supported).contains(v)) {
      throw new IllegalArgumentException(
          owner + " config field '" + field + "' = " + root.get(field) + " is not supported; supported: "
              + String.join(", ", supported));
    }
  }

  /** Fails if the boolean field (or any entry of a per-level list of booleans) is true. */
  public void requireFalse(String field, String why) {
    JsonNode n = root.get(field);
    if (n == null || n.isNull()) {
      return;
    }
    boolean anyTrue = n.isArray()
        ? StreamSupport.stream(n.spliterator(), false).anyMatch(JsonNode::asBoolean)
        : n.asBoolean();
    if (anyTrue) {
      throw new IllegalArgumentException(
          owner + " config field '" + field + "' = " + n + " is not supported (" + why + "); supported: false");
    }
  }

  /** An error naming the field, for checks the caller makes on values read from it. */
  public IllegalArgumentException unsupported(String field, Object value, String supported) {
    return new IllegalArgumentException(
        owner + " config field '" + field + "' = " + value + " is not supported; supported: " + supported);
  }

  private int asInt(String field, JsonNode n) {
    if (!n.isIntegralNumber() && !(n.isNumber() && n.asDouble() == Math.rint(n.asDouble()))) {
      throw invalid(field, n, "an integer");
    }
    return n.asInt();
  }

  private IllegalArgumentException invalid(String field, JsonNode value, String expected) {
    return new IllegalArgumentException(
        owner + " config field '" + field + "' = " + Objects.toString(value) + " is invalid: expected " + expected);
  }
}
