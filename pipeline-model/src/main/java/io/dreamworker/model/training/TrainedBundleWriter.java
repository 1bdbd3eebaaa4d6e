package io.dreamworker.model.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dreamworker.model.bundle.BundleManifest;
import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.model.bundle.ComponentSpec;
import io.dreamworker.model.bundle.RandomBundles;
import io.dreamworker.model.bundle.TinyTokenizer;
import io.dreamworker.model.weights.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a training run's checkpoint as an ordinary model bundle (the layout of
 * {@link io.dreamworker.model.bundle.ModelBundle}): the preset's component configs, the trained
 * components' weights under their bundle prefixes, and, for components no stage has trained yet,
 * the same seeded random weights {@link RandomBundles} would write. So every checkpoint loads and
 * serves, and its {@code version} says which stages it holds.
 */
public final class TrainedBundleWriter {
  private TrainedBundleWriter() {}

  /**
   * Writes the bundle into {@code dir} (created if needed; bundle files are replaced).
   *
   * @param tokenizerJson the tokenizer the LLM was trained with ({@link TinyTokenizer#json})
   * @param vocabularySize its vocabulary size
   * @param trained trained parameters by role ({@code vae}, {@code vision}, ...), with the
   *     component's own (unprefixed) tensor names
   * @param vaeScalingFactor the {@code scaling_factor} measured on the trained VAE, or {@code NaN}
   *     to keep the preset's
   * @param metadata extra {@code __metadata__} of the safetensors file (seed, stages, figures)
   */
  public static BundleManifest write(Path dir, BundlePreset preset, long seed, String tokenizerJson,
      int vocabularySize, Map<String, TrainableParameters> trained, double vaeScalingFactor,
      Map<String, String> metadata) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("tokenizer.json"), tokenizerJson);
    Map<String, ComponentSpec> configs = new LinkedHashMap<>(RandomBundles.components(preset, vocabularySize));
    if (!Double.isNaN(vaeScalingFactor)) {
      ComponentSpec vae = configs.get("vae");
      ObjectNode config = ((ObjectNode) vae.config()).deepCopy().put("scaling_factor", vaeScalingFactor);
      configs.put("vae", new ComponentSpec(vae.kind(), vae.prefix(), config));
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      Map<String, NDArray> tensors = RandomBundles.invent(configs, seed, manager);
      trained.forEach((role, parameters) -> {
        String prefix = configs.get(role).prefix();
        parameters.arrays().forEach((name, array) -> {
          String full = prefix + name;
          if (!tensors.containsKey(full)) {
            throw new IllegalArgumentException("trained tensor '" + full + "' is not part of a " + preset.name()
                + " bundle's '" + role + "' component: train it with the preset's config");
          }
          tensors.put(full, array);
        });
      });
      Map<String, String> meta = new TreeMap<>(metadata);
      meta.put("format", "pt");
      meta.put("generator", "dreamworker training");
      meta.put("seed", Long.toString(seed));
      SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors, meta);
    }
    String version = "seed-" + seed + (trained.isEmpty() ? "-untrained" : "-trained-" + String.join("+", trained.keySet()));
    BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, preset.name(), version,
        "tokenizer.json", List.of("model.safetensors"), configs);
    manifest.write(dir);
    return manifest;
  }
}
