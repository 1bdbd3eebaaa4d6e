package io.dreamworker.worker.cli;

import io.dreamworker.worker.config.DurationText;
import io.dreamworker.worker.config.InvalidValueException;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations on the command line as in the config file: {@code 90s}, {@code 10m}, {@code 500ms}, {@code PT5S}. */
final class DurationConverter implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    try {
      return DurationText.parse(value);
    } catch (InvalidValueException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
