package io.dreamworker.model.llm;

import ai.djl.ndarray.NDArray;
import io.dreamworker.model.nn.Activation;
import io.dreamworker.model.nn.Linear;
import io.dreamworker.model.weights.Weights;

/**
 * transformers' {@code LlamaMLP}, the SwiGLU feed-forward block:
 * {@code down_proj(act(gate_proj(x)) * up_proj(x))}.
 */
public final class LlamaMlp {
  private final Linear gate;
  private final Linear up;
  private final Linear down;
  private final Activation act;

  private LlamaMlp(Linear gate, Linear up, Linear down, Activation act) {
    this.gate = gate;
    this.up = up;
    this.down = down;
    this.act = act;
  }

  /** Loads {@code gate_proj}, {@code up_proj}, {@code down_proj} under {@code w} (a layer's {@code mlp}). */
  public static LlamaMlp load(Weights w, LlamaConfig c) {
    int h = c.hiddenSize();
    int i = c.intermediateSize();
    return new LlamaMlp(
        Linear.load(w, "gate_proj", h, i, c.mlpBias()),
        Linear.load(w, "up_proj", h, i, c.mlpBias()),
        Linear.load(w, "down_proj", i, h, c.mlpBias()),
        c.hiddenAct());
  }

  /** [B, T, H] → [B, T, H]. */
  public NDArray forward(NDArray x) {
    return down.apply(act.apply(gate.apply(x)).mul(up.apply(x)));
  }
}
