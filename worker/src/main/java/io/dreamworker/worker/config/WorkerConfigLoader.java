package io.dreamworker.worker.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reads the worker's configuration: a YAML file, then environment variables over it, then checks
 * of every key and of the rules between keys. All problems are collected and thrown together as
 * one {@link ConfigException}, one line per wrong key, so that one attempt to start shows them all.
 *
 * <p>Environment variables are passed in as a map (callers give {@code System.getenv()}), which
 * keeps tests free of the real environment. A variable overrides its key
 * ({@link ConfigKey#envVar()}); lists are comma-separated; {@code kafka.properties} takes one
 * variable per property ({@code DREAMWORKER_KAFKA_PROPERTY_SECURITY_PROTOCOL=SASL_SSL} sets
 * {@code security.protocol}). A variable in a section's namespace that names no key
 * ({@code DREAMWORKER_KAFKA_BOOTSTRAP_SERVER}) is reported like an unknown key in the file, since
 * a misspelt override would otherwise be ignored in silence; other {@code DREAMWORKER_} variables
 * ({@code DREAMWORKER_CONFIG}, {@code DREAMWORKER_LOG_FORMAT}) are not configuration keys and are
 * left alone.
 */
public final class WorkerConfigLoader {
  /** Names the list of keys in messages about unknown ones. */
  private static final String KEYS_COMMAND = "dreamworker config keys";

  /** A key given twice would otherwise silently lose its first value (often a whole section). */
  private static final YAMLMapper YAML = YAMLMapper.builder()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  private final Map<String, ConfigKey<?>> keysByName = new LinkedHashMap<>();
  private final Set<String> sections = new LinkedHashSet<>();
  private final Map<String, ConfigKey<?>> keysByEnvVar = new LinkedHashMap<>();
  private final Set<String> envSectionPrefixes = new LinkedHashSet<>();

  private WorkerConfigLoader() {
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      keysByName.put(key.name(), key);
      String name = key.name();
      for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
        sections.add(name.substring(0, dot));
      }
      keysByEnvVar.put(ValueTypes.isMap(key.type()) ? ValueTypes.entryPrefix(name) : key.envVar(), key);
      envSectionPrefixes.add(ValueTypes.STRING.envVar(name.substring(0, name.indexOf('.'))) + "_");
    }
  }

  /**
   * Reads {@code file} with {@code env} over it.
   *
   * @throws ConfigException listing every problem, including an unreadable file or invalid YAML
   */
  public static WorkerConfig load(Path file, Map<String, String> env) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      String why = e instanceof NoSuchFileException ? "no such file" : e.getClass().getSimpleName() + ": " + e.getMessage();
      throw new ConfigException(List.of(file + ": cannot read the configuration file (" + why
          + "); check the path given with --config or DREAMWORKER_CONFIG"));
    }
    return parse(text, file.toString(), env);
  }

  /**
   * Reads the configuration from {@code env} alone, every key at its default unless set there.
   *
   * @throws ConfigException listing every problem
   */
  public static WorkerConfig fromEnvironment(Map<String, String> env) {
    return parse("", "environment", env);
  }

  /**
   * Reads YAML text with {@code env} over it.
   *
   * @param origin where the text came from, for messages (a file name)
   * @throws ConfigException listing every problem
   */
  public static WorkerConfig parse(String yaml, String origin, Map<String, String> env) {
    return new WorkerConfigLoader().read(yaml, origin, env);
  }

  /** Where a key's text came from, and the text: a YAML node, or an environment variable. */
  private sealed interface Raw permits FromYaml, FromEnv {
    String origin();
  }

  private record FromYaml(JsonNode node, String origin) implements Raw {}

  private record FromEnv(String text, String variable) implements Raw {
    @Override
    public String origin() {
      return "env " + variable;
    }
  }

  private WorkerConfig read(String yaml, String origin, Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    Map<String, Raw> raw = new LinkedHashMap<>();
    JsonNode root = readYaml(yaml, origin, problems);
    if (!problems.isEmpty()) {
      // Without the file's values, every required key would be reported missing: noise.
      throw new ConfigException(problems);
    }
    if (root != null) {
      walk(root, "", origin, raw, problems);
    }
    Map<ConfigKey<?>, Map<String, String>> envEntries = readEnv(env, raw, problems);

    ResolvedValues values = new ResolvedValues();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      resolve(key, raw.get(key.name()), envEntries.get(key), values, problems);
    }
    problems.addAll(CrossKeyRules.check(values));
    if (values.has(ConfigKeys.ENGINE_MAX_RUNNING_SEQUENCES, ConfigKeys.ENGINE_KV_CACHE_BUDGET_TOKENS,
        ConfigKeys.ENGINE_MAX_DIFFUSION_ROWS_IN_FLIGHT, ConfigKeys.ENGINE_MAX_QUEUE_DELAY)) {
      try {
        WorkerConfig.engine(values).toEngineConfig();
      } catch (ConfigException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return WorkerConfig.from(values);
  }

  /** The document's root mapping, or null when the text is empty or not a mapping. */
  private static JsonNode readYaml(String yaml, String origin, List<String> problems) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      problems.add(origin + ": not valid YAML: " + oneLine(e.getOriginalMessage())
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
              + ", column " + e.getLocation().getColumnNr()));
      return null;
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return null;
    }
    if (!root.isObject()) {
      problems.add(origin + ": the file is not a map of sections; it should start with a section"
          + " such as \"bundle:\"");
      return null;
    }
    return root;
  }

  /** Files each node under its dotted path; reports paths that are no key. */
  private void walk(JsonNode node, String prefix, String origin, Map<String, Raw> raw, List<String> problems) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      JsonNode value = e.getValue();
      if (keysByName.containsKey(path)) {
        raw.put(path, new FromYaml(value, origin));
      } else if (sections.contains(path)) {
        if (value.isObject()) {
          walk(value, path, origin, raw, problems);
        } else if (!value.isNull()) {
          problems.add(path + ": is a section, not a value (in " + origin + "); give it keys such as "
              + firstKeyIn(path));
        }
      } else if (value.isObject() && !value.isEmpty()) {
        // Report each key under an unknown section, so that each gets its own suggestion.
        walk(value, path, origin, raw, problems);
      } else {
        problems.add(path + ": unknown key (in " + origin + ")"
            + KeySuggestions.closest(path, keysByName.keySet(), '.')
                .map(k -> "; did you mean " + k + "?")
                .orElse("; '" + KEYS_COMMAND + "' lists the keys"));
      }
    }
  }

  private String firstKeyIn(String section) {
    return keysByName.keySet().stream().filter(k -> k.startsWith(section + ".")).findFirst().orElseThrow();
  }

  /**
   * Files each variable that overrides a key over the file's value; returns the entries of map
   * keys; reports variables in a section's namespace that name no key.
   */
  private Map<ConfigKey<?>, Map<String, String>> readEnv(Map<String, String> env, Map<String, Raw> raw,
      List<String> problems) {
    Map<ConfigKey<?>, Map<String, String>> entries = new LinkedHashMap<>();
    // Sorted, so that problems come in the same order on every run.
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      String variable = e.getKey();
      ConfigKey<?> key = keysByEnvVar.get(variable);
      if (key != null && !ValueTypes.isMap(key.type())) {
        raw.put(key.name(), new FromEnv(e.getValue(), variable));
        continue;
      }
      Optional<ConfigKey<?>> mapKey = keysByEnvVar.entrySet().stream()
          .filter(k -> ValueTypes.isMap(k.getValue().type()) && variable.startsWith(k.getKey())
              && variable.length() > k.getKey().length())
          .map(Map.Entry::getValue)
          .findFirst();
      if (mapKey.isPresent()) {
        String property = variable.substring(ValueTypes.entryPrefix(mapKey.get().name()).length())
            .toLowerCase(Locale.ROOT).replace('_', '.');
        entries.computeIfAbsent(mapKey.get(), k -> new LinkedHashMap<>()).put(property, e.getValue());
      } else if (envSectionPrefixes.stream().anyMatch(variable::startsWith)) {
        problems.add("env " + variable + ": names no configuration key"
            + KeySuggestions.closest(variable, keysByEnvVar.keySet(), '_')
                .map(v -> "; did you mean " + v + " (" + keysByEnvVar.get(v).name() + ")?")
                .orElse("; '" + KEYS_COMMAND + "' lists the keys and their variables"));
      }
    }
    return entries;
  }

  private static <T> void resolve(ConfigKey<T> key, Raw raw, Map<String, String> envEntries,
      ResolvedValues values, List<String> problems) {
    boolean isMap = ValueTypes.isMap(key.type());
    String origin = isMap ? mapOrigin(raw, envEntries) : raw == null ? "default" : raw.origin();
    Optional<T> parsed;
    try {
      parsed = isMap ? Optional.of(mergeMap(key, raw, envEntries)) : parseScalar(key, raw);
    } catch (InvalidValueException e) {
      problems.add(key.name() + ": " + e.getMessage() + " (from " + origin + ")");
      return;
    }
    if (parsed.isEmpty()) {
      if (key.isRequired()) {
        problems.add(key.name() + ": required and not set; set it in the configuration file or in "
            + key.envVar() + " (" + withoutFinalStop(key.documentation()) + ")");
        return;
      }
      parsed = key.defaultValue();
      origin = "default";
    }
    T value = parsed.get();
    Optional<String> problem = key.constraint().problem(value);
    if (problem.isPresent()) {
      problems.add(key.name() + ": " + problem.get() + " (from " + origin + ")");
      return;
    }
    values.put(key, value);
  }

  /** The value set for {@code key}; empty when unset, null in YAML, or blank for a required key. */
  private static <T> Optional<T> parseScalar(ConfigKey<T> key, Raw raw) throws InvalidValueException {
    return switch (raw) {
      case null -> Optional.empty();
      case FromYaml y when y.node().isNull() -> Optional.empty();
      case FromYaml y when key.isRequired() && y.node().isValueNode() && y.node().asText().isBlank() ->
          Optional.empty();
      case FromYaml y -> Optional.of(key.type().fromYaml(y.node()));
      case FromEnv v when key.isRequired() && v.text().isBlank() -> Optional.empty();
      case FromEnv v -> Optional.of(key.type().parse(v.text()));
    };
  }

  /** The file's entries with the environment's over them. */
  @SuppressWarnings("unchecked") // only called for map keys, whose T is Map<String, String>
  private static <T> T mergeMap(ConfigKey<T> key, Raw raw, Map<String, String> envEntries)
      throws InvalidValueException {
    Map<String, String> merged = new LinkedHashMap<>();
    if (raw instanceof FromYaml y && !y.node().isNull()) {
      merged.putAll((Map<String, String>) key.type().fromYaml(y.node()));
    }
    if (envEntries != null) {
      merged.putAll(envEntries);
    }
    return (T) Map.copyOf(merged);
  }

  private static String mapOrigin(Raw raw, Map<String, String> envEntries) {
    if (envEntries == null) {
      return raw == null ? "default" : raw.origin();
    }
    return raw == null ? "the environment" : raw.origin() + " and the environment";
  }

  /**
   * SnakeYAML's messages span lines (context, a quoted line with a caret, the problem); the lines
   * that say something start at the margin.
   */
  private static String oneLine(String message) {
    return message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
        .collect(Collectors.joining(", "));
  }

  private static String withoutFinalStop(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
