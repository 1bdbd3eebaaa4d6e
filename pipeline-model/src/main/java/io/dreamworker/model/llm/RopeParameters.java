package io.dreamworker.model.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The rotary position embedding settings of a LLaMA config, as transformers reads them: newer
 * configs nest them in {@code rope_parameters} ({@code rope_type}, {@code rope_theta},
 * {@code factor}); older ones put {@code rope_theta} at the top level and the scaling in
 * {@code rope_scaling} ({@code type} or {@code rope_type}, {@code factor}), or nothing at all.
 *
 * @param type how the frequencies are scaled
 * @param theta the base of the inverse frequencies, {@code theta^(-2i/d)}
 * @param factor the linear scaling factor (1 for {@link Type#DEFAULT})
 */
public record RopeParameters(Type type, double theta, double factor) {

  /** transformers' default {@code rope_theta}. */
  public static final double DEFAULT_THETA = 10000.0;

  /** The {@code rope_type}s this implementation computes exactly as transformers does. */
  public enum Type {
    /** {@code "default"}: the original RoPE frequencies. */
    DEFAULT,
    /** {@code "linear"}: the default frequencies divided by {@code factor} (position interpolation). */
    LINEAR
  }

  public RopeParameters {
    if (type == null) {
      throw new IllegalArgumentException("rope_type must be given");
    }
    if (!(theta > 0) || Double.isInfinite(theta)) {
      throw new IllegalArgumentException(
          "rope_theta is " + theta + ": it must be a positive finite number (LLaMA uses 10000)");
    }
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException(
          "rope factor is " + factor + ": it must be a positive finite number (1 means no scaling)");
    }
    if (type == Type.DEFAULT && factor != 1.0) {
      throw new IllegalArgumentException(
          "rope_type 'default' takes no factor, but factor is " + factor
              + ": use rope_type 'linear' to scale positions");
    }
  }

  /** Unscaled RoPE with base {@code theta}. */
  public static RopeParameters standard(double theta) {
    return new RopeParameters(Type.DEFAULT, theta, 1.0);
  }

  /**
   * Reads the RoPE settings of a whole LLaMA {@code config.json}.
   *
   * @throws IllegalArgumentException for a {@code rope_type} other than {@code default} or
   *     {@code linear}, a missing linear {@code factor}, or a partial rotary factor
   */
  public static RopeParameters fromConfig(JsonNode config) {
    JsonNode params = config.path("rope_parameters");
    String where = "rope_parameters";
    if (!params.isObject()) {
      params = config.path("rope_scaling");
      where = "rope_scaling";
    }
    double theta = DEFAULT_THETA;
    if (config.path("rope_theta").isNumber()) {
      theta = config.path("rope_theta").asDouble();
    }
    if (!params.isObject()) {
      rejectPartialRotary(config, "partial_rotary_factor");
      return standard(theta);
    }
    if (params.path("rope_theta").isNumber()) {
      theta = params.path("rope_theta").asDouble();
    }
    rejectPartialRotary(params, where + ".partial_rotary_factor");
    rejectPartialRotary(config, "partial_rotary_factor");
    JsonNode typeNode = params.hasNonNull("rope_type") ? params.get("rope_type") : params.path("type");
    String typeName = typeNode.isTextual() ? typeNode.asText() : "default";
    return switch (typeName.toLowerCase(Locale.ROOT)) {
      case "default" -> standard(theta);
      case "linear" -> {
        JsonNode factor = params.path("factor");
        if (!factor.isNumber()) {
          throw new IllegalArgumentException(
              where + " has rope_type 'linear' but no numeric 'factor': add the scaling factor,"
                  + " e.g. \"factor\": 2.0");
        }
        yield new RopeParameters(Type.LINEAR, theta, factor.asDouble());
      }
      default -> throw new IllegalArgumentException(
          where + ".rope_type '" + typeName + "' is not supported (supported: default, linear);"
              + " its frequencies differ from the default ones, so running it as 'default' would"
              + " silently give other outputs than transformers");
    };
  }

  private static void rejectPartialRotary(JsonNode node, String name) {
    String field = name.substring(name.lastIndexOf('.') + 1);
    JsonNode value = node.path(field);
    if (value.isNumber() && value.asDouble() != 1.0) {
      throw new IllegalArgumentException(
          name + " is " + value.asDouble() + ": only full rotary embeddings (1.0) are supported");
    }
  }
}
