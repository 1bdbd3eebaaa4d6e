package io.dreamworker.model.parity;

import ai.djl.ndarray.NDArray;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares outputs with references under a tolerance, printing each relative error so that a run
 * of the parity tests doubles as the table of how closely each component matches.
 */
public final class ParityReport {
  private final String caseName;

  public ParityReport(String caseName) {
    this.caseName = caseName;
  }

  /** Asserts {@code ‖out − ref‖ / ‖ref‖ < tolerance} and prints the error. */
  public double compare(String what, NDArray out, NDArray ref, double tolerance) {
    double err = RelativeError.of(out, ref);
    print(what, err, tolerance);
    assertThat(err).as("%s: %s relative error", caseName, what).isLessThan(tolerance);
    return err;
  }

  /** As {@link #compare(String, NDArray, NDArray, double)} for plain arrays. */
  public double compare(String what, float[] out, float[] ref, double tolerance) {
    double err = RelativeError.of(out, ref);
    print(what, err, tolerance);
    assertThat(err).as("%s: %s relative error", caseName, what).isLessThan(tolerance);
    return err;
  }

  /** Prints an exact comparison (token ids, say) that the caller asserts itself. */
  public void exact(String what, boolean equal) {
    System.out.printf("parity %-24s %-28s %s%n", caseName, what, equal ? "exact" : "DIFFERENT");
    assertThat(equal).as("%s: %s must match exactly", caseName, what).isTrue();
  }

  private void print(String what, double err, double tolerance) {
    System.out.printf("parity %-24s %-28s rel.err %.3e (limit %.0e)%n", caseName, what, err, tolerance);
  }
}
