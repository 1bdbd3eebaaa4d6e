package io.dreamworker.model.engine.scheduling;

/**
 * Latent rows in flight: a latent takes its rows (2 with a guidance pair) before its first
 * denoising step and gives them back when it leaves DIFFUSION, so the continuous diffusion batch
 * never holds more latents than the configured limit. Confined to the engine thread.
 */
final class DiffusionRows implements WaitingLine.Capacity {

  private final int maxRowsInFlight;
  private int rowsInFlight;

  DiffusionRows(int maxRowsInFlight) {
    this.maxRowsInFlight = maxRowsInFlight;
  }

  @Override
  public boolean tryAcquire(TrackedRequest request) {
    if (request.diffusionRowsHeld() > 0) {
      throw new IllegalStateException(request + " already holds diffusion rows");
    }
    int rows = request.work().rows();
    if (rows > maxRowsInFlight - rowsInFlight) {
      return false;
    }
    rowsInFlight += rows;
    request.holdDiffusionRows(rows);
    return true;
  }

  /** Returns the request's rows, if it holds any. */
  void release(TrackedRequest request) {
    rowsInFlight -= request.diffusionRowsHeld();
    request.holdDiffusionRows(0);
  }

  int rowsInFlight() {
    return rowsInFlight;
  }
}
