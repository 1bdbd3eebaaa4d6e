package io.dreamworker.model.diffusion.scheduler;

/**
 * numpy's {@code arange} and {@code linspace} for float64, operation for operation, because the
 * schedulers round their results to integer timesteps and a value that lands on a half-integer one
 * ulp away from numpy's would round the other way.
 */
final class NumpyRanges {
  private NumpyRanges() {}

  /**
   * {@code np.arange(start, stop, step)} with a float step: the length is {@code ceil((stop - start)
   * / step)}, the second value {@code start + step}, and the rest {@code start + i * delta} with
   * {@code delta = (start + step) - start}, as numpy's {@code DOUBLE_fill} computes them.
   */
  static double[] arange(double start, double stop, double step) {
    double length = Math.ceil((stop - start) / step);
    if (!(length > 0)) {
      return new double[0];
    }
    double[] out = new double[(int) length];
    out[0] = start;
    if (out.length > 1) {
      out[1] = start + step;
      double delta = out[1] - start;
      for (int i = 2; i < out.length; i++) {
        out[i] = start + i * delta;
      }
    }
    return out;
  }

  /**
   * {@code np.linspace(start, stop, num)} (endpoint included): {@code start + i * step} with
   * {@code step = (stop - start) / (num - 1)}, and the last value exactly {@code stop}.
   */
  static double[] linspace(double start, double stop, int num) {
    double[] out = new double[num];
    if (num == 1) {
      out[0] = start;
      return out;
    }
    double step = (stop - start) / (num - 1);
    for (int i = 0; i < num; i++) {
      out[i] = step == 0 ? i / (double) (num - 1) * (stop - start) + start : i * step + start;
    }
    out[num - 1] = stop;
    return out;
  }

  /** {@code np.round}: half to even, like {@link Math#rint}. */
  static long round(double value) {
    return (long) Math.rint(value);
  }
}
