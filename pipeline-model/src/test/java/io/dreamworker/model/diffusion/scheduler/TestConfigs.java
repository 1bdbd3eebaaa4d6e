package io.dreamworker.model.diffusion.scheduler;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** SD 2.1 scheduler configs with overrides, and the tensors the scheduler tests share. */
final class TestConfigs {
  private TestConfigs() {}

  /**
   * A config of {@code className} with SD 2.1's training schedule, then {@code overrides} (JSON
   * members such as {@code "\"prediction_type\": \"v_prediction\""}), which win over the defaults.
   */
  static Scheduler sd21(String className, String... overrides) {
    StringBuilder json = new StringBuilder("{\"_class_name\": \"" + className + "\"");
    for (String o : overrides) {
      json.append(", ").append(o);
    }
    for (String d : new String[] {
        "\"num_train_timesteps\": 1000", "\"beta_start\": 0.00085", "\"beta_end\": 0.012",
        "\"beta_schedule\": \"scaled_linear\"", "\"clip_sample\": false", "\"set_alpha_to_one\": false",
        "\"steps_offset\": 1", "\"timestep_spacing\": \"leading\""}) {
      String key = d.substring(0, d.indexOf(':'));
      if (json.indexOf(key) < 0) {
        json.append(", ").append(d);
      }
    }
    return Schedulers.fromJson(json.append('}').toString());
  }

  /** Reproducible standard normal values. */
  static NDArray gaussian(NDManager manager, long seed, long... shape) {
    return new SeededNoise(seed).next(manager, new Shape(shape));
  }

  /** What a perfect model of {@code type} outputs for clean sample {@code x0} noised with {@code eps} at {@code t}. */
  static NDArray perfectOutput(Scheduler scheduler, PredictionType type, NDArray x0, NDArray eps, int t) {
    return switch (type) {
      case EPSILON -> eps;
      case SAMPLE -> x0;
      case V_PREDICTION -> scheduler.velocity(x0, eps, t);
    };
  }

  /** ‖a − b‖ / ‖b‖. */
  static double relativeError(NDArray a, NDArray b) {
    float[] x = a.toFloatArray();
    float[] y = b.toFloatArray();
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < x.length; i++) {
      diff += ((double) x[i] - y[i]) * ((double) x[i] - y[i]);
      norm += (double) y[i] * y[i];
    }
    return Math.sqrt(diff / norm);
  }
}
