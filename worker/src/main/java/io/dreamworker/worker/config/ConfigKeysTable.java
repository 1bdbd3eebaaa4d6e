package io.dreamworker.worker.config;

import java.util.List;

/**
 * The reference of the configuration keys as a Markdown table, rendered from their definitions
 * so that it cannot drift from the code ({@code dreamworker config keys}, docs/configuration.md).
 */
public final class ConfigKeysTable {
  private ConfigKeysTable() {}

  /** A table of every key in {@link ConfigKeys#ALL}. */
  public static String markdown() {
    return markdown(ConfigKeys.ALL);
  }

  /**
   * A table of {@code keys}: name, environment variable, type, default, allowed values and
   * description, one row each; required keys say so in the default column.
   */
  public static String markdown(List<ConfigKey<?>> keys) {
    StringBuilder sb = new StringBuilder();
    sb.append("| Key | Environment variable | Type | Default | Allowed | Description |\n");
    sb.append("|---|---|---|---|---|---|\n");
    for (ConfigKey<?> key : keys) {
      sb.append("| `").append(key.name()).append("` | `").append(key.envVar()).append("` | ")
          .append(cell(key.type().description())).append(" | ")
          .append(defaultCell(key)).append(" | ")
          .append(cell(key.constraint().description())).append(" | ")
          .append(cell(key.documentation())).append(" |\n");
    }
    return sb.toString();
  }

  private static <T> String defaultCell(ConfigKey<T> key) {
    return key.defaultValue()
        .map(v -> {
          String text = key.type().format(v);
          return text.isEmpty() ? "(empty)" : "`" + text.replace("`", "'") + "`";
        })
        .orElse("**required**");
  }

  /** Pipes would end the cell, and newlines the row. */
  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
