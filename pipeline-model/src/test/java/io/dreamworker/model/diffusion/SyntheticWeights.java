package io.dreamworker.model.diffusion;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random weights written under diffusers' module names, for configurations no fixture covers.
 * The names and shapes are spelled out here from the reference's module tree, independently of
 * the loaders, so a loader that asks for a wrong name or shape fails against them. Values are
 * scaled by fan-in so activations stay in a sane range through deep stacks.
 */
public final class SyntheticWeights {
  private final NDManager manager;
  private final SplittableRandom random;
  private final Map<String, NDArray> tensors = new LinkedHashMap<>();

  public SyntheticWeights(NDManager manager, long seed) {
    this.manager = manager;
    this.random = new SplittableRandom(seed);
  }

  public Map<String, NDArray> tensors() {
    return tensors;
  }

  public void put(String name, NDArray array) {
    tensors.put(name, array);
  }

  public NDArray random(double std, long... shape) {
    float[] v = new float[Math.toIntExact(new Shape(shape).size())];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (std * (random.nextDouble() * 2 - 1) * Math.sqrt(3));
    }
    return manager.create(v, new Shape(shape));
  }

  public void conv(String module, long in, long out, int kernel) {
    tensors.put(module + ".weight", random(1 / Math.sqrt(in * kernel * kernel), out, in, kernel, kernel));
    tensors.put(module + ".bias", random(0.05, out));
  }

  public void linear(String module, long in, long out, boolean bias) {
    tensors.put(module + ".weight", random(1 / Math.sqrt(in), out, in));
    if (bias) {
      tensors.put(module + ".bias", random(0.05, out));
    }
  }

  public void norm(String module, long channels) {
    tensors.put(module + ".weight", random(0.1, channels).add(1));
    tensors.put(module + ".bias", random(0.05, channels));
  }

  /** {@code ResnetBlock2D}; {@code temb == 0} for the VAE's blocks without time embedding. */
  public void resnet(String module, long in, long out, long temb) {
    norm(module + ".norm1", in);
    conv(module + ".conv1", in, out, 3);
    if (temb > 0) {
      linear(module + ".time_emb_proj", temb, out, true);
    }
    norm(module + ".norm2", out);
    conv(module + ".conv2", out, out, 3);
    if (in != out) {
      conv(module + ".conv_shortcut", in, out, 1);
    }
  }

  /** {@code Transformer2DModel} with {@code BasicTransformerBlock}s, linear or 1x1-conv projections. */
  public void transformer(String module, long channels, int layers, long crossDim, boolean linearProjection) {
    norm(module + ".norm", channels);
    projection(module + ".proj_in", channels, linearProjection);
    for (int k = 0; k < layers; k++) {
      String b = module + ".transformer_blocks." + k;
      norm(b + ".norm1", channels);
      attention(b + ".attn1", channels, channels, false);
      norm(b + ".norm2", channels);
      attention(b + ".attn2", channels, crossDim, false);
      norm(b + ".norm3", channels);
      linear(b + ".ff.net.0.proj", channels, 8 * channels, true);
      linear(b + ".ff.net.2", 4 * channels, channels, true);
    }
    projection(module + ".proj_out", channels, linearProjection);
  }

  public void attention(String module, long dim, long contextDim, boolean qkvBias) {
    linear(module + ".to_q", dim, dim, qkvBias);
    linear(module + ".to_k", contextDim, dim, qkvBias);
    linear(module + ".to_v", contextDim, dim, qkvBias);
    linear(module + ".to_out.0", dim, dim, true);
  }

  private void projection(String module, long channels, boolean linear) {
    if (linear) {
      linear(module, channels, channels, true);
    } else {
      conv(module, channels, channels, 1);
    }
  }
}
