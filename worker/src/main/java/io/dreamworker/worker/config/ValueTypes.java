package io.dreamworker.worker.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The value types of the configuration keys. */
final class ValueTypes {
  private ValueTypes() {}

  static final ValueType<String> STRING = new Scalar<>("string", text -> text, v -> v);

  static final ValueType<Integer> INT = new Scalar<>("integer", text -> {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new InvalidValueException("\"" + text + "\" is not an integer; write a whole number such as 16");
    }
  }, String::valueOf);

  static final ValueType<Long> LONG = new Scalar<>("integer", text -> {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new InvalidValueException("\"" + text + "\" is not an integer; write a whole number such as 16384");
    }
  }, String::valueOf);

  static final ValueType<Boolean> BOOLEAN = new Scalar<>("boolean", text -> {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new InvalidValueException("\"" + text + "\" is not a boolean; write true or false");
    };
  }, String::valueOf);

  static final ValueType<Duration> DURATION = new Scalar<>("duration", DurationText::parse, DurationText::format);

  static final ValueType<Long> BYTE_SIZE = new Scalar<>("byte size", ByteSizeText::parse, ByteSizeText::format);

  static final ValueType<Path> PATH = new Scalar<>("path", text -> {
    try {
      return Path.of(text.strip());
    } catch (InvalidPathException e) {
      throw new InvalidValueException("\"" + text + "\" is not a path: " + e.getReason());
    }
  }, Path::toString);

  /** Empty text means absent: the contract's way of saying "use the SDK's default". */
  static final ValueType<Optional<String>> OPTIONAL_STRING = new Scalar<>("string, empty for none",
      text -> text.isBlank() ? Optional.empty() : Optional.of(text.strip()), v -> v.orElse(""));

  static final ValueType<Optional<URI>> OPTIONAL_URI = new Scalar<>("URI, empty for none", text -> {
    if (text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new URI(text.strip()));
    } catch (URISyntaxException e) {
      throw new InvalidValueException("\"" + text + "\" is not a URI (" + e.getReason()
          + "); write for example http://127.0.0.1:9000");
    }
  }, v -> v.map(URI::toString).orElse(""));

  /** A YAML list of scalars, or comma-separated text (environment variables). */
  static final ValueType<List<String>> STRING_LIST = new StringList();

  /** One of an enum's constants, written in lower case. */
  static <E extends Enum<E>> ValueType<E> choice(Class<E> type) {
    E[] constants = type.getEnumConstants();
    String names = Arrays.stream(constants).map(ValueTypes::lower).collect(Collectors.joining(" | "));
    return new Scalar<>(names, text -> {
      for (E c : constants) {
        if (lower(c).equals(text.strip().toLowerCase(Locale.ROOT))) {
          return c;
        }
      }
      throw new InvalidValueException("\"" + text + "\" is not one of " + names.replace(" | ", ", "));
    }, ValueTypes::lower);
  }

  /**
   * A map of names to text, such as extra Kafka client properties. In YAML a section whose nested
   * sections join their names with dots ({@code security: {protocol: SSL}} is
   * {@code security.protocol}); in the environment one variable per entry (see {@link #envVar}).
   */
  static final ValueType<Map<String, String>> STRING_MAP = new StringMap();

  /** A constant as the file writes it: lower case, words joined by hyphens (EXACTLY_ONCE is exactly-once). */
  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @FunctionalInterface
  private interface Parser<T> {
    T parse(String text) throws InvalidValueException;
  }

  @FunctionalInterface
  private interface Formatter<T> {
    String format(T value);
  }

  private record Scalar<T>(String description, Parser<T> parser, Formatter<T> formatter) implements ValueType<T> {
    @Override
    public T parse(String text) throws InvalidValueException {
      return parser.parse(text);
    }

    @Override
    public String format(T value) {
      return formatter.format(value);
    }
  }

  private static final class StringList implements ValueType<List<String>> {
    @Override
    public String description() {
      return "list of strings (comma-separated in the environment)";
    }

    @Override
    public List<String> parse(String text) {
      return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public List<String> fromYaml(JsonNode node) throws InvalidValueException {
      if (node.isValueNode()) {
        return parse(node.asText());
      }
      if (!node.isArray()) {
        throw new InvalidValueException("expected a list, got a section of keys; write [a, b]");
      }
      List<String> out = new ArrayList<>();
      for (JsonNode element : node) {
        if (!element.isValueNode() || element.isNull()) {
          throw new InvalidValueException("expected a list of strings, got an element that is "
              + (element.isNull() ? "empty" : "not a string") + "; write [a, b]");
        }
        out.add(element.asText().strip());
      }
      return List.copyOf(out);
    }

    @Override
    public String format(List<String> value) {
      return "[" + String.join(", ", value) + "]";
    }
  }

  private static final class StringMap implements ValueType<Map<String, String>> {
    @Override
    public String description() {
      return "map of strings (one variable per entry)";
    }

    @Override
    public Map<String, String> parse(String text) throws InvalidValueException {
      throw new InvalidValueException("a map cannot be given as one value; set one entry per variable");
    }

    @Override
    public Map<String, String> fromYaml(JsonNode node) throws InvalidValueException {
      if (!node.isObject()) {
        throw new InvalidValueException("expected a section of name: value entries, got "
            + (node.isArray() ? "a list" : "\"" + node.asText() + "\""));
      }
      Map<String, String> out = new LinkedHashMap<>();
      flatten("", node, out);
      return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out)
        throws InvalidValueException {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        String name = prefix + e.getKey();
        JsonNode v = e.getValue();
        if (v.isObject()) {
          flatten(name + ".", v, out);
        } else if (v.isValueNode() && !v.isNull()) {
          out.put(name, v.asText());
        } else {
          throw new InvalidValueException(name + " is " + (v.isNull() ? "empty" : "a list")
              + "; give it a value such as " + name + ": SSL");
        }
      }
    }

    @Override
    public String format(Map<String, String> value) {
      return value.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
          .collect(Collectors.joining(", ", "{", "}"));
    }

    /**
     * Entries come one variable each: {@code kafka.properties} → {@code DREAMWORKER_KAFKA_PROPERTY_<NAME>},
     * the key's last word made singular.
     */
    @Override
    public String envVar(String keyName) {
      return entryPrefix(keyName) + "<NAME>";
    }
  }

  /**
   * The prefix of the variables that set one entry each of a map key:
   * {@code kafka.properties} → {@code DREAMWORKER_KAFKA_PROPERTY_}.
   */
  static String entryPrefix(String keyName) {
    String env = STRING.envVar(keyName);
    String singular = env.endsWith("IES") ? env.substring(0, env.length() - 3) + "Y"
        : env.endsWith("S") ? env.substring(0, env.length() - 1) : env;
    return singular + "_";
  }

  /** Whether a key's values are maps set one entry per environment variable. */
  static boolean isMap(ValueType<?> type) {
    return type == STRING_MAP;
  }
}
