package io.dreamworker.model.conformance;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The comparisons of one fixture case: each output against its reference under a tolerance. Every
 * comparison is recorded (and passed to a listener, which prints it), and the first one out of
 * tolerance throws {@link ParityFailure}, so a run doubles as the table of how closely each
 * component matches its reference.
 */
public final class ParityReport {

  /**
   * One comparison.
   *
   * @param caseName the fixture folder
   * @param what the compared output
   * @param relativeError ‖out − ref‖ / ‖ref‖, or 0/1 for exact comparisons
   * @param tolerance the bound it had to stay under; 0 for exact comparisons
   * @param passed whether it did
   */
  public record Comparison(String caseName, String what, double relativeError, double tolerance,
      boolean passed) {

    /** One line: case, output, error and limit. */
    public String describe() {
      if (tolerance == 0) {
        return String.format(Locale.ROOT, "%-24s %-28s %s", caseName, what, passed ? "exact" : "DIFFERENT");
      }
      return String.format(Locale.ROOT, "%-24s %-28s rel.err %.3e (limit %.0e)%s",
          caseName, what, relativeError, tolerance, passed ? "" : "  FAILED");
    }
  }

  private final String caseName;
  private final Consumer<Comparison> listener;
  private final List<Comparison> comparisons = new ArrayList<>();

  /** A report that prints each comparison to standard output. */
  public ParityReport(String caseName) {
    this(caseName, c -> System.out.println("parity " + c.describe()));
  }

  public ParityReport(String caseName, Consumer<Comparison> listener) {
    this.caseName = caseName;
    this.listener = listener;
  }

  /** Every comparison so far, in order. */
  public List<Comparison> comparisons() {
    return Collections.unmodifiableList(comparisons);
  }

  /**
   * Records {@code ‖out − ref‖ / ‖ref‖}.
   *
   * @throws ParityFailure if it is not below {@code tolerance}, or the shapes differ
   */
  public double compare(String what, NDArray out, NDArray ref, double tolerance) {
    if (!out.getShape().equals(ref.getShape())) {
      record(new Comparison(caseName, what, Double.POSITIVE_INFINITY, tolerance, false));
      throw new ParityFailure(caseName + ": " + what + " has shape " + out.getShape()
          + " but the reference has " + ref.getShape());
    }
    return check(what, RelativeError.of(out, ref), tolerance);
  }

  /** As {@link #compare(String, NDArray, NDArray, double)} for plain arrays. */
  public double compare(String what, float[] out, float[] ref, double tolerance) {
    if (out.length != ref.length) {
      record(new Comparison(caseName, what, Double.POSITIVE_INFINITY, tolerance, false));
      throw new ParityFailure(caseName + ": " + what + " has " + out.length
          + " values but the reference has " + ref.length);
    }
    return check(what, RelativeError.of(out, ref), tolerance);
  }

  /**
   * Records an exact comparison (token ids, timesteps).
   *
   * @throws ParityFailure if {@code equal} is false
   */
  public void exact(String what, boolean equal) {
    record(new Comparison(caseName, what, equal ? 0 : 1, 0, equal));
    if (!equal) {
      throw new ParityFailure(caseName + ": " + what + " must match the reference exactly");
    }
  }

  private double check(String what, double err, double tolerance) {
    boolean passed = err < tolerance;
    record(new Comparison(caseName, what, err, tolerance, passed));
    if (!passed) {
      throw new ParityFailure(String.format(Locale.ROOT,
          "%s: %s relative error %.3e is not below %.0e", caseName, what, err, tolerance));
    }
    return err;
  }

  private void record(Comparison c) {
    comparisons.add(c);
    listener.accept(c);
  }
}
