package io.dreamworker.model.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dreamworker.model.config.ReferenceJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A bundle's {@code bundle.json}: its name and version, where its tokenizer and weights are, and
 * each component's kind, tensor prefix and reference config.
 *
 * <pre>{@code
 * {
 *   "format_version": 1,
 *   "name": "tiny-random", "version": "seed-42",
 *   "tokenizer": "tokenizer.json",
 *   "weights": ["model.safetensors"],
 *   "components": {
 *     "vision":          {"kind": "clip_vision_model", "prefix": "vision_tower.", "config": {...}},
 *     "llm":             {"kind": "llama_causal_lm",   "prefix": "llm.",          "config": {...}},
 *     "dream":           {"kind": "dreamllm",          "prefix": "dream.",        "config": {...}},
 *     "unet":            {"kind": "unet_2d_condition", "prefix": "unet.",         "config": {...}},
 *     "vae":             {"kind": "autoencoder_kl",    "prefix": "vae.",          "config": {...}},
 *     "scheduler":       {"kind": "scheduler_ddpm",                               "config": {...}},
 *     "image_processor": {"kind": "clip_image_processor",                         "config": {...}}
 *   }
 * }
 * }</pre>
 *
 * @param formatVersion the layout version of {@code bundle.json}; this code reads {@link #FORMAT_VERSION}
 * @param name the bundle's name, reported in completion events
 * @param version the bundle's version, reported in completion events
 * @param tokenizer the tokenizer file, relative to the bundle directory
 * @param weights the safetensors files, relative to the bundle directory
 * @param components each component by role (see {@link #ROLES})
 */
public record BundleManifest(
    int formatVersion,
    String name,
    String version,
    String tokenizer,
    List<String> weights,
    Map<String, ComponentSpec> components) {

  /** The file name of the manifest inside a bundle directory. */
  public static final String FILE_NAME = "bundle.json";

  /** The {@code format_version} this code reads and writes. */
  public static final int FORMAT_VERSION = 1;

  /** The roles a complete DreamLLM bundle fills, in pipeline order. */
  public static final List<String> ROLES =
      List.of("image_processor", "vision", "llm", "dream", "unet", "vae", "scheduler");

  private static final ObjectMapper JSON = ReferenceJson.mapper();

  public BundleManifest {
    weights = List.copyOf(weights);
    components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
  }

  /** The component in a role, or an exception naming the role and the roles present. */
  public ComponentSpec component(String role) {
    ComponentSpec spec = components.get(role);
    if (spec == null) {
      throw new BundleException(
          "bundle '" + name + "' has no '" + role + "' component (it has " + components.keySet() + ")");
    }
    return spec;
  }

  /**
   * Reads and checks {@code dir/bundle.json}.
   *
   * @throws BundleException naming the file and the key when it is missing or malformed
   */
  public static BundleManifest read(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new BundleException(dir + " is not a model bundle: it has no " + FILE_NAME);
    } catch (IOException e) {
      throw new BundleException(file + " cannot be read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new BundleException(file + ": expected a JSON object");
    }
    int format = root.path("format_version").asInt(-1);
    if (format != FORMAT_VERSION) {
      throw new BundleException(file + ": format_version is " + root.path("format_version")
          + ", this dreamworker reads format_version " + FORMAT_VERSION);
    }
    String name = requireText(file, root, "name");
    String version = requireText(file, root, "version");
    String tokenizer = requireText(file, root, "tokenizer");
    JsonNode weightsNode = root.path("weights");
    if (!weightsNode.isArray() || weightsNode.isEmpty()) {
      throw new BundleException(file + ": 'weights' must list at least one safetensors file");
    }
    List<String> weights = new ArrayList<>();
    weightsNode.forEach(n -> weights.add(n.asText()));
    JsonNode comps = root.path("components");
    if (!comps.isObject()) {
      throw new BundleException(file + ": 'components' must be an object keyed by role " + ROLES);
    }
    Map<String, ComponentSpec> components = new LinkedHashMap<>();
    for (var e : comps.properties()) {
      String role = e.getKey();
      if (!ROLES.contains(role)) {
        throw new BundleException(file + ": unknown component role '" + role + "' (roles: " + ROLES + ")");
      }
      JsonNode c = e.getValue();
      String where = "components." + role;
      String kind = requireText(file, c, "kind", where);
      JsonNode config = c.path("config");
      if (!config.isObject()) {
        throw new BundleException(file + ": " + where + ".config must be an object (the reference config)");
      }
      components.put(role, new ComponentSpec(kind, c.path("prefix").asText(""), config));
    }
    return new BundleManifest(format, name, version, tokenizer, weights, components);
  }

  /** Writes this manifest as {@code dir/bundle.json}. */
  public void write(Path dir) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("format_version", formatVersion);
    root.put("name", name);
    root.put("version", version);
    root.put("tokenizer", tokenizer);
    var w = root.putArray("weights");
    weights.forEach(w::add);
    ObjectNode comps = root.putObject("components");
    components.forEach((role, spec) -> {
      ObjectNode c = comps.putObject(role);
      c.put("kind", spec.kind());
      if (!spec.prefix().isEmpty()) {
        c.put("prefix", spec.prefix());
      }
      c.set("config", spec.config());
    });
    Files.writeString(dir.resolve(FILE_NAME), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
  }

  /** The roles of {@link #ROLES} this manifest lacks. */
  public Set<String> missingRoles() {
    Set<String> missing = new java.util.LinkedHashSet<>(ROLES);
    missing.removeAll(components.keySet());
    return missing;
  }

  private static String requireText(Path file, JsonNode node, String key) {
    return requireText(file, node, key, null);
  }

  private static String requireText(Path file, JsonNode node, String key, String where) {
    JsonNode v = node.get(key);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new BundleException(file + ": '" + (where == null ? key : where + "." + key)
          + "' must be a non-empty string");
    }
    return v.asText();
  }
}
