package io.dreamworker.worker.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as people write them in configuration: a whole number of bytes, optionally with a
 * binary unit ({@code 512KiB}, {@code 8MiB}, {@code 1GiB}). Decimal units ({@code MB}) are refused
 * rather than guessed at, because "8MB" means 8,000,000 to some readers and 8,388,608 to others.
 */
public final class ByteSizeText {
  private static final Pattern AMOUNT_AND_UNIT = Pattern.compile("(\\d+)\\s*([A-Za-z]*)");
  /** Units from the largest, so that {@link #format} picks the largest exact one. */
  private static final String[] UNITS = {"TiB", "GiB", "MiB", "KiB"};
  private static final int[] SHIFTS = {40, 30, 20, 10};

  private ByteSizeText() {}

  /** Parses {@code text}; the message of the exception says how to write a size. */
  public static long parse(String text) throws InvalidValueException {
    Matcher m = AMOUNT_AND_UNIT.matcher(text.strip());
    if (!m.matches()) {
      throw new InvalidValueException("\"" + text + "\" is not a byte size; write a whole number of"
          + " bytes, or one with a unit (KiB, MiB, GiB, TiB) such as 512KiB or 8MiB");
    }
    long amount;
    try {
      amount = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw tooLarge(text);
    }
    String unit = m.group(2);
    if (unit.isEmpty() || unit.equals("B")) {
      return amount;
    }
    for (int i = 0; i < UNITS.length; i++) {
      if (UNITS[i].equals(unit)) {
        if (amount > (Long.MAX_VALUE >> SHIFTS[i])) {
          throw tooLarge(text);
        }
        return amount << SHIFTS[i];
      }
    }
    throw new InvalidValueException("\"" + text + "\" has the unit \"" + unit + "\", which is not one"
        + " of B, KiB, MiB, GiB, TiB; write for example " + m.group(1) + "MiB (binary) or a plain"
        + " number of bytes");
  }

  /** The shortest exact text for {@code bytes}: {@code 8MiB}, {@code 1536KiB}, {@code 1000}. */
  public static String format(long bytes) {
    if (bytes > 0) {
      for (int i = 0; i < UNITS.length; i++) {
        long unit = 1L << SHIFTS[i];
        if (bytes % unit == 0) {
          return bytes / unit + UNITS[i];
        }
      }
    }
    return Long.toString(bytes);
  }

  private static InvalidValueException tooLarge(String text) {
    return new InvalidValueException("\"" + text + "\" is too large a byte size; the most is "
        + Long.MAX_VALUE + " bytes");
  }
}
