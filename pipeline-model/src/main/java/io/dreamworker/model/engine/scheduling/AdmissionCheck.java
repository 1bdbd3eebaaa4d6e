package io.dreamworker.model.engine.scheduling;

import java.util.Optional;

/**
 * The limits no amount of waiting can overcome: a request whose worst-case KV footprint exceeds
 * the whole budget, or whose work needs more rows in one call than a stage takes (or than may be
 * in flight at DIFFUSION), could never run, even alone, and is refused at submit.
 */
final class AdmissionCheck {

  private final SchedulerConfig config;
  private final SequenceGeometry geometry;

  AdmissionCheck(SchedulerConfig config, SequenceGeometry geometry) {
    this.config = config;
    this.geometry = geometry;
  }

  /** Why the request could never run, or empty if it could. */
  Optional<String> refusal(long requestId, RequestShape shape) {
    long footprint = shape.kvFootprintTokens(geometry);
    if (footprint > config.kvCacheBudgetTokens()) {
      return Optional.of("request " + requestId + " needs " + footprint + " KV tokens ("
          + shape.describeFootprint(geometry) + ") but kvCacheBudgetTokens is "
          + config.kvCacheBudgetTokens() + "; lower its max new tokens or images, or raise"
          + " kvCacheBudgetTokens to at least " + footprint);
    }
    for (Stage stage : Stage.values()) {
      int rows = shape.maxRows(stage);
      int max = config.limits(stage).maxBatchRows();
      if (rows > max) {
        return Optional.of("request " + requestId + " needs " + rows + " rows in one " + stage
            + " call but stages[" + stage + "].maxBatchRows is " + max + "; "
            + remedy(stage) + " or raise maxBatchRows to at least " + rows);
      }
    }
    int diffusionRows = shape.maxRows(Stage.DIFFUSION);
    if (diffusionRows > config.maxDiffusionRowsInFlight()) {
      return Optional.of("request " + requestId + " needs " + diffusionRows
          + " diffusion rows in flight (a guidance pair) but maxDiffusionRowsInFlight is "
          + config.maxDiffusionRowsInFlight() + "; disable guidance or raise"
          + " maxDiffusionRowsInFlight to at least " + diffusionRows);
    }
    return Optional.empty();
  }

  private static String remedy(Stage stage) {
    return switch (stage) {
      case VISION -> "send fewer input images per request";
      case DREAM -> "serve a fixed (cached) negative prompt";
      case DIFFUSION -> "disable guidance";
      case PREFILL, DECODE, VAE_DECODE -> "allow at least one row";
    };
  }
}
