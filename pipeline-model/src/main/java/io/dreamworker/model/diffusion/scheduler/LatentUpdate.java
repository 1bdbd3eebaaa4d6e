package io.dreamworker.model.diffusion.scheduler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Applies {@link StepCoefficients} to tensors, for one request (all coefficients scalars) or a batch
 * (each row's coefficient gathered into a [B, 1, ..., 1] tensor). Terms whose coefficient is zero
 * in every row are skipped, and x0 is only formed when a row clips or keeps it, so the common
 * DDIM / DDPM update is two scaled tensors and their sum.
 */
final class LatentUpdate {
  /** The new sample, and x0 when it was formed (else {@code null}). */
  record Result(NDArray prev, NDArray x0) {}

  private final List<StepCoefficients> rows;
  private final NDManager manager;
  private final Shape coefficientShape;
  private final DataType dataType;

  /**
   * @param rows one entry for a single request, else one per row of the batch
   * @param sample the sample being stepped: its manager, rank and data type
   */
  LatentUpdate(List<StepCoefficients> rows, NDArray sample) {
    this.rows = rows;
    this.manager = sample.getManager();
    long[] dims = new long[sample.getShape().dimension()];
    Arrays.fill(dims, 1);
    dims[0] = rows.size();
    this.coefficientShape = new Shape(dims);
    this.dataType = sample.getDataType();
  }

  /**
   * @param sample [B, ...] the current latents
   * @param output [B, ...] the model output
   * @param previousX0 [B, ...] each row's x0 from its previous step, or {@code null} if no row uses it
   * @param noise [B, ...] this step's variance noise, or {@code null} if no row draws
   */
  Result apply(NDArray sample, NDArray output, NDArray previousX0, NDArray noise) {
    NDArray x0 = null;
    NDArray prev;
    if (rows.stream().anyMatch(StepCoefficients::needsX0)) {
      x0 = sum(term(StepCoefficients::x0FromSample, sample), term(StepCoefficients::x0FromOutput, output));
      if (rows.stream().anyMatch(StepCoefficients::clips)) {
        NDArray range = coefficient(StepCoefficients::clipRange);
        x0 = x0.maximum(range.neg()).minimum(range);
      }
      prev = sum(term(StepCoefficients::prevFromSample, sample), term(StepCoefficients::prevFromOutput, output));
      prev = sum(prev, term(StepCoefficients::prevFromX0, x0));
    } else {
      prev = sum(term(StepCoefficients::foldedSample, sample), term(StepCoefficients::foldedOutput, output));
    }
    if (previousX0 != null) {
      prev = sum(prev, term(StepCoefficients::prevFromPreviousX0, previousX0));
    }
    if (noise != null) {
      prev = sum(prev, term(StepCoefficients::noiseScale, noise));
    }
    return new Result(prev == null ? sample.zerosLike() : prev, x0);
  }

  /** {@code c * x} with each row's {@code c}, or {@code null} when every row's is zero. */
  private NDArray term(ToDoubleFunction<StepCoefficients> c, NDArray x) {
    double first = c.applyAsDouble(rows.get(0));
    boolean uniform = rows.stream().allMatch(r -> Double.compare(c.applyAsDouble(r), first) == 0);
    if (uniform) {
      return first == 0 ? null : x.mul((float) first);
    }
    return x.mul(coefficient(c));
  }

  private NDArray coefficient(ToDoubleFunction<StepCoefficients> c) {
    float[] values = new float[rows.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) c.applyAsDouble(rows.get(i));
    }
    NDArray array = manager.create(values, coefficientShape);
    return array.getDataType() == dataType ? array : array.toType(dataType, false);
  }

  private static NDArray sum(NDArray a, NDArray b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : a.add(b);
  }
}
