package io.dreamworker.worker.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in configuration: a whole number and a unit ({@code 200ms},
 * {@code 5s}, {@code 2m}, {@code 1h}; also {@code ns}, {@code us}, {@code d}), or ISO-8601
 * ({@code PT5S}). {@link #format} writes the shortest exact form, so that
 * {@code parse(format(d))} is {@code d}.
 */
public final class DurationText {
  private static final Pattern AMOUNT_AND_UNIT = Pattern.compile("(\\d+)\\s*(ns|us|µs|ms|s|m|h|d)");
  private static final long NANOS_PER_MICRO = 1_000;
  private static final long NANOS_PER_MILLI = 1_000_000;
  private static final long SECONDS_PER_MINUTE = 60;
  private static final long SECONDS_PER_HOUR = 3_600;
  private static final long SECONDS_PER_DAY = 86_400;

  private DurationText() {}

  /** Parses {@code text}; the message of the exception says how to write a duration. */
  public static Duration parse(String text) throws InvalidValueException {
    String t = text.strip();
    if (t.startsWith("P") || t.startsWith("p") || t.startsWith("-P") || t.startsWith("-p")) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw invalid(text);
      }
    }
    Matcher m = AMOUNT_AND_UNIT.matcher(t);
    if (!m.matches()) {
      throw invalid(text);
    }
    long amount;
    try {
      amount = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ns" -> Duration.ofNanos(amount);
        case "us", "µs" -> Duration.ofNanos(Math.multiplyExact(amount, NANOS_PER_MICRO));
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    } catch (ArithmeticException | NumberFormatException e) {
      throw new InvalidValueException("\"" + text + "\" is too long a duration; use at most a few days");
    }
  }

  /** The shortest exact text for {@code d}: {@code 200ms}, {@code 5s}, {@code 2m}, {@code 0s}. */
  public static String format(Duration d) {
    if (d.isNegative()) {
      return d.toString();
    }
    long seconds = d.getSeconds();
    int nanos = d.getNano();
    if (nanos == 0) {
      if (seconds == 0) {
        return "0s";
      }
      if (seconds % SECONDS_PER_DAY == 0) {
        return seconds / SECONDS_PER_DAY + "d";
      }
      if (seconds % SECONDS_PER_HOUR == 0) {
        return seconds / SECONDS_PER_HOUR + "h";
      }
      if (seconds % SECONDS_PER_MINUTE == 0) {
        return seconds / SECONDS_PER_MINUTE + "m";
      }
      return seconds + "s";
    }
    long total;
    try {
      total = d.toNanos();
    } catch (ArithmeticException e) {
      // Beyond 292 years with a sub-second part: no unit of ours holds it, ISO-8601 does.
      return d.toString();
    }
    if (total % NANOS_PER_MILLI == 0) {
      return total / NANOS_PER_MILLI + "ms";
    }
    if (total % NANOS_PER_MICRO == 0) {
      return total / NANOS_PER_MICRO + "us";
    }
    return total + "ns";
  }

  private static InvalidValueException invalid(String text) {
    return new InvalidValueException("\"" + text + "\" is not a duration; write a whole number and a"
        + " unit (ns, us, ms, s, m, h, d) such as 200ms or 5s, or ISO-8601 such as PT5S");
  }
}
