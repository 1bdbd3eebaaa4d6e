package io.dreamworker.model.diffusion.scheduler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dreamworker.model.config.ReferenceJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the scheduler a diffusers {@code scheduler_config.json} describes, by its {@code
 * _class_name}: DDPMScheduler, DDIMScheduler or DPMSolverMultistepScheduler.
 */
public final class Schedulers {
  /** Python's json writes -Infinity (DPM-Solver's default {@code lambda_min_clipped}) and NaN. */
  private static final ObjectMapper JSON = ReferenceJson.mapper();

  private Schedulers() {}

  /** Reads a scheduler config.json file. */
  public static Scheduler fromConfig(Path configJson) throws IOException {
    try {
      return fromJson(JSON.readTree(Files.readString(configJson)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(configJson + ": " + e.getMessage(), e);
    }
  }

  /** Parses scheduler config.json text. */
  public static Scheduler fromJson(String configJson) {
    try {
      return fromJson(JSON.readTree(configJson));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("scheduler config is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The scheduler a parsed config.json describes. */
  public static Scheduler fromJson(JsonNode config) {
    String className = config.path("_class_name").asText("");
    return switch (className) {
      case "DDPMScheduler" -> DdpmScheduler.fromJson(config);
      case "DDIMScheduler" -> DdimScheduler.fromJson(config);
      case "DPMSolverMultistepScheduler" -> DpmSolverMultistepScheduler.fromJson(config);
      default -> throw new IllegalArgumentException(
          "unsupported scheduler _class_name '" + className
              + "' (supported: DDPMScheduler, DDIMScheduler, DPMSolverMultistepScheduler)");
    };
  }
}
