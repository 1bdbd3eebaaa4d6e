package io.dreamworker.model.conformance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dreamworker.model.config.ReferenceJson;
import io.dreamworker.model.weights.SafetensorsSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One case folder of the reference fixtures: {@code case.json} (what it is), {@code config.json}
 * (the reference model's config), {@code model.safetensors} (weights) and {@code io.safetensors}
 * (inputs and reference outputs). See {@code ../shared/fixtures/README.md}.
 */
public record FixtureCase(Path dir) {
  private static final ObjectMapper JSON = ReferenceJson.mapper();

  public String name() {
    return dir.getFileName().toString();
  }

  /** {@code case.json}'s {@code kind}. */
  public String kind() {
    return caseJson().path("kind").asText();
  }

  public JsonNode caseJson() {
    return readJson("case.json");
  }

  public JsonNode config() {
    return readJson("config.json");
  }

  public Path configPath() {
    return dir.resolve("config.json");
  }

  public Path file(String name) {
    return dir.resolve(name);
  }

  /** Opens the weights; the caller closes the source after the arrays are no longer used. */
  public SafetensorsSource weights() throws IOException {
    return SafetensorsSource.open(dir.resolve("model.safetensors"));
  }

  /** Opens the inputs and reference outputs. */
  public SafetensorsSource io() throws IOException {
    return SafetensorsSource.open(dir.resolve("io.safetensors"));
  }

  /** One tensor of {@code io.safetensors}, loaded into {@code manager}. */
  public NDArray io(String name, NDManager manager) throws IOException {
    try (SafetensorsSource io = io()) {
      // Copy out of the mapping so the array does not depend on the closed file.
      return io.load(name, manager).duplicate();
    }
  }

  private JsonNode readJson(String file) {
    try {
      return JSON.readTree(Files.readString(dir.resolve(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(dir.resolve(file) + ": " + e.getMessage(), e);
    }
  }
}
