package io.dreamworker.model.config;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON mapper for files the reference implementations write (config.json, bundle manifests
 * that embed them, fixture case files). Python's {@code json} module writes {@code NaN} and
 * {@code -Infinity} (diffusers' DPM-Solver config has {@code "lambda_min_clipped": -Infinity}),
 * which strict JSON parsers refuse, so this mapper accepts them.
 */
public final class ReferenceJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private ReferenceJson() {}

  /** The shared mapper; thread-safe once configured, and never reconfigured. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
