package io.dreamworker.model.nn;

import ai.djl.ndarray.NDArray;
import java.util.Locale;

/**
 * The activations that reference configs name in {@code hidden_act} / {@code act_fn}, with the
 * exact formulas of transformers' {@code ACT2FN}.
 */
public enum Activation {
  /** {@code x * sigmoid(1.702 x)}, OpenAI CLIP's approximation. */
  QUICK_GELU,
  /** The exact GELU, {@code 0.5 x (1 + erf(x / sqrt 2))}. */
  GELU,
  /** The tanh approximation of GELU ({@code gelu_new}, {@code gelu_pytorch_tanh}). */
  GELU_TANH,
  /** {@code x * sigmoid(x)} ({@code silu}, {@code swish}). */
  SILU,
  RELU;

  /**
   * The activation a config names.
   *
   * @throws IllegalArgumentException naming the value and the supported ones
   */
  public static Activation fromConfig(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "quick_gelu" -> QUICK_GELU;
      case "gelu" -> GELU;
      case "gelu_new", "gelu_pytorch_tanh", "gelu_fast" -> GELU_TANH;
      case "silu", "swish" -> SILU;
      case "relu" -> RELU;
      default -> throw new IllegalArgumentException(
          "unsupported activation '" + name
              + "' (supported: quick_gelu, gelu, gelu_new, gelu_pytorch_tanh, silu, swish, relu)");
    };
  }

  public NDArray apply(NDArray x) {
    return switch (this) {
      case QUICK_GELU -> x.mul(sigmoid(Scalars.mul(x, 1.702f)));
      case GELU -> ai.djl.nn.Activation.gelu(x);
      case GELU_TANH -> geluTanh(x);
      case SILU -> x.mul(sigmoid(x));
      case RELU -> ai.djl.nn.Activation.relu(x);
    };
  }

  private static NDArray sigmoid(NDArray x) {
    return ai.djl.nn.Activation.sigmoid(x);
  }

  private static NDArray geluTanh(NDArray x) {
    // 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))
    NDArray inner = Scalars.mul(x.add(Scalars.mul(Scalars.pow(x, 3f), 0.044715f)), (float) Math.sqrt(2.0 / Math.PI));
    return Scalars.mul(x, 0.5f).mul(inner.tanh().add(1f));
  }
}
