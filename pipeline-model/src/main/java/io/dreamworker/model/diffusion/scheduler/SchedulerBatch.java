package io.dreamworker.model.diffusion.scheduler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Steps a batch of requests with one tensor update after one model call over all of them: row
 * {@code i} of the batch belongs to {@code rows.get(i)}, which may be at any step of any schedule
 * (of any of the three schedulers). Each row gets its own coefficients ([B, 1, ..., 1] tensors), its
 * own noise from its own source and its own remembered x0, so a request's trajectory is the same
 * whether it is stepped alone or in any batch.
 */
public final class SchedulerBatch {
  private SchedulerBatch() {}

  /**
   * Takes the current step of every row and advances each state.
   *
   * @param rows one distinct, unfinished state per row
   * @param modelOutput [B, ...] the model output, row {@code i} at {@code rows.get(i).timestep()}
   * @param sample [B, ...] the latents
   * @return [B, ...] the latents for each row's next step, in {@code sample}'s manager
   */
  public static NDArray step(List<SchedulerState> rows, NDArray modelOutput, NDArray sample) {
    requireSameShape(modelOutput, sample);
    if (sample.getShape().dimension() < 1 || sample.getShape().get(0) != rows.size()) {
      throw new IllegalArgumentException(
          "a batch of " + rows.size() + " requests needs latents [" + rows.size() + ", ...], got " + sample.getShape());
    }
    Set<SchedulerState> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<StepCoefficients> coefficients = new ArrayList<>(rows.size());
    for (SchedulerState row : rows) {
      if (!seen.add(row)) {
        throw new IllegalArgumentException("a request appears twice in one batch; each row needs its own state");
      }
      row.requireNotFinished();
      coefficients.add(row.coefficients());
    }
    NDManager manager = sample.getManager();
    Shape rowShape = sample.getShape().slice(1);
    NDArray result;
    List<NDArray> kept = new ArrayList<>(Collections.nCopies(rows.size(), null));
    try (NDScope scope = new NDScope()) {
      NDArray noise = null;
      if (coefficients.stream().anyMatch(StepCoefficients::drawsNoise)) {
        NDList draws = new NDList(rows.size());
        for (int i = 0; i < rows.size(); i++) {
          draws.add(coefficients.get(i).drawsNoise()
              ? rows.get(i).noise().next(manager, rowShape)
              : manager.zeros(rowShape, sample.getDataType()));
        }
        noise = NDArrays.stack(draws);
      }
      NDArray previous = null;
      if (coefficients.stream().anyMatch(StepCoefficients::usesPreviousX0)) {
        NDList previousRows = new NDList(rows.size());
        for (int i = 0; i < rows.size(); i++) {
          previousRows.add(coefficients.get(i).usesPreviousX0()
              ? rows.get(i).previousX0(rowShape)
              : manager.zeros(rowShape, sample.getDataType()));
        }
        previous = NDArrays.stack(previousRows);
      }
      LatentUpdate.Result r = new LatentUpdate(coefficients, sample).apply(sample, modelOutput, previous, noise);
      result = r.prev();
      NDScope.unregister(result);
      for (int i = 0; i < rows.size(); i++) {
        if (coefficients.get(i).keepsX0()) {
          NDArray x0 = r.x0().get(i);
          NDScope.unregister(x0);
          kept.set(i, x0);
        }
      }
    }
    for (int i = 0; i < rows.size(); i++) {
      rows.get(i).advance(kept.get(i));
    }
    return result;
  }

  static void requireSameShape(NDArray modelOutput, NDArray sample) {
    if (!modelOutput.getShape().equals(sample.getShape())) {
      throw new IllegalArgumentException(
          "model output " + modelOutput.getShape() + " and sample " + sample.getShape() + " differ in shape"
              + " (a model with learned variance would need variance_type learned, which is not supported)");
    }
  }
}
