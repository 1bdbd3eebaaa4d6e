package io.dreamworker.worker.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations on the command line as in the config file: {@code 90s}, {@code 10m}, {@code 500ms}. */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return Duration.parse(value.startsWith("P") || value.startsWith("p") ? value : toIso(value));
    } catch (RuntimeException e) {
      throw new TypeConversionException("'" + value + "' is not a duration; use for example 500ms, 90s, 10m or 1h");
    }
  }

  private static String toIso(String value) {
    String v = value.trim().toLowerCase(java.util.Locale.ROOT);
    if (v.endsWith("ms")) {
      return "PT" + Double.parseDouble(v.substring(0, v.length() - 2)) / 1000 + "S";
    }
    char unit = v.charAt(v.length() - 1);
    String number = v.substring(0, v.length() - 1);
    return switch (unit) {
      case 's' -> "PT" + number + "S";
      case 'm' -> "PT" + number + "M";
      case 'h' -> "PT" + number + "H";
      case 'd' -> "P" + number + "D";
      default -> throw new IllegalArgumentException(value);
    };
  }
}
