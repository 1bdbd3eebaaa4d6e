package io.dreamworker.loadtest.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;

/**
 * Numbers as the report prints them, the same in every table, caption and message, and the same
 * whatever the machine's locale.
 *
 * <ul>
 *   <li>Latency: milliseconds below a second ({@code 0.42 ms}, {@code 3.4 ms}, {@code 850 ms}),
 *       seconds above ({@code 1.25 s}, {@code 12.5 s}): three significant digits at most, so that
 *       the unit carries the magnitude.
 *   <li>Throughput: two decimals ({@code 3.86 jobs/s}), and two significant digits below 0.1
 *       ({@code 0.012 jobs/s}), where two decimals would round a slow kind to nothing.
 * </ul>
 * A value that is not a number ({@code NaN}: no job completed) prints as {@link #MISSING}.
 */
public final class Units {
  /** What a missing value prints as. */
  public static final String MISSING = "—";
  private static final double MS_PER_SECOND = 1_000.0;
  /** Below this many jobs/s, two decimals would say too little: two significant digits instead. */
  private static final double SMALL_RATE = 0.0995;
  private static final MathContext TWO_SIGNIFICANT = new MathContext(2);

  private Units() {}

  /** A latency given in milliseconds: {@code "850 ms"}, {@code "1.25 s"}. */
  public static String latency(double ms) {
    if (Double.isNaN(ms)) {
      return MISSING;
    }
    double magnitude = Math.abs(ms);
    if (magnitude < 0.995) {
      return format("%.2f ms", ms);
    }
    if (magnitude < 9.95) {
      return format("%.1f ms", ms);
    }
    if (magnitude < 999.5) {
      return format("%.0f ms", ms);
    }
    double s = ms / MS_PER_SECOND;
    return Math.abs(s) < 9.995 ? format("%.2f s", s) : format("%.1f s", s);
  }

  /** {@link #latency} without trailing zeros, for axis ticks: {@code "2 s"}, {@code "1.5 s"}, {@code "0.5 ms"}. */
  static String latencyTick(double ms) {
    return latency(ms).replaceFirst("(\\.\\d*?)0+ ", "$1 ").replaceFirst("\\. ", " ");
  }

  /** A rate with its unit: {@code "3.86 jobs/s"}. */
  public static String throughput(double jobsPerSecond) {
    return Double.isNaN(jobsPerSecond) ? MISSING : jobsPerSecond(jobsPerSecond) + " jobs/s";
  }

  /** A rate without its unit, for a column whose heading has it: {@code "3.86"}, {@code "0.012"}. */
  public static String jobsPerSecond(double jobsPerSecond) {
    if (Double.isNaN(jobsPerSecond)) {
      return MISSING;
    }
    if (jobsPerSecond != 0 && Math.abs(jobsPerSecond) < SMALL_RATE && Double.isFinite(jobsPerSecond)) {
      return new BigDecimal(jobsPerSecond).round(TWO_SIGNIFICANT).stripTrailingZeros().toPlainString();
    }
    return format("%.2f", jobsPerSecond);
  }

  /** {@code "1 worker"}, {@code "2 workers"}. */
  public static String workers(int n) {
    return n + (n == 1 ? " worker" : " workers");
  }

  /** A count: {@code "12345"}. */
  public static String count(long n) {
    return Long.toString(n);
  }

  /** A fraction as a percentage: {@code "82%"}, {@code "99.5%"}, {@code "0.04%"}. */
  public static String percent(double fraction) {
    if (Double.isNaN(fraction)) {
      return MISSING;
    }
    double p = fraction * 100;
    if (p != 0 && Math.abs(p) < 0.95 && Double.isFinite(p)) {
      return new BigDecimal(p).round(TWO_SIGNIFICANT).stripTrailingZeros().toPlainString() + "%";
    }
    String text = format("%.1f", p);
    return (text.endsWith(".0") ? text.substring(0, text.length() - 2) : text) + "%";
  }

  /** A step's length: {@code "500 ms"}, {@code "30 s"}, {@code "2 min"}, {@code "2 min 30 s"}. */
  public static String duration(Duration d) {
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      return d.toMillis() + " ms";
    }
    long minutes = d.toMinutes();
    Duration rest = d.minusMinutes(minutes);
    double seconds = rest.toNanos() / 1e9;
    String secondsText = format("%.1f", seconds);
    if (secondsText.endsWith(".0")) {
      secondsText = secondsText.substring(0, secondsText.length() - 2);
    }
    if (minutes == 0) {
      return secondsText + " s";
    }
    return rest.isZero() ? minutes + " min" : minutes + " min " + secondsText + " s";
  }

  /** A duration in seconds, for time axes and results.json. */
  static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }
}
