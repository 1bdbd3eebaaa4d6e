package io.dreamworker.model.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.shapes.Background;
import io.dreamworker.model.shapes.Position;
import io.dreamworker.model.shapes.Scene;
import io.dreamworker.model.shapes.ShapeColor;
import io.dreamworker.model.shapes.ShapeSpec;
import io.dreamworker.model.shapes.Size;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A fixed random code of what a scene holds, one token per thing in it: token 0 is the background's vector,
 * token {@code 1 + k} the sum of shape {@code k}'s shape, colour, size and position vectors and the vector of
 * slot {@code k}, and every other token (all of them for the empty prompt) the null vector. Every vector is
 * drawn once from the seed, entries normal with variance 1 for whole tokens and 1/5 for each of a shape's five
 * parts, so that every token has unit variance.
 *
 * <p>This is the condition a pretrained text encoder hands Stable Diffusion, one bound token per thing named,
 * reduced to the shapes world, where the scene is known exactly. It is a training target only ({@link
 * ConditionDistillation}) and never part of a bundle: with it, the dream queries learn to carry each shape's
 * attributes bound together before the UNet learns to read them. Conditioned on this code directly, a UNet
 * trained from scratch for 3000 steps drew two-shape prompts at 36/50, against 1/50 through queries that
 * learned only from the denoising loss.
 */
final class SceneCode {
  /** The most shapes a scene holds, so the slots a code uses after the background. */
  static final int SLOTS = 2;

  private final int dim;
  private final int tokens;
  private final float[][] background;
  private final float[][] shape;
  private final float[][] color;
  private final float[][] size;
  private final float[][] position;
  private final float[][] slot;
  private final float[] nothing;
  /** Per token up to the last slot, every token that place can hold: {@link #decodes} compares against these. */
  private final List<List<float[]>> candidates = new ArrayList<>();

  private SceneCode(int dim, int tokens, Random random) {
    this.dim = dim;
    this.tokens = tokens;
    float part = (float) Math.sqrt(1.0 / 5);
    background = vectors(Background.values().length, 1f, random);
    shape = vectors(io.dreamworker.model.shapes.Shape.values().length, part, random);
    color = vectors(ShapeColor.values().length, part, random);
    size = vectors(Size.values().length, part, random);
    position = vectors(Position.values().length, part, random);
    slot = vectors(SLOTS, part, random);
    nothing = vectors(1, 1f, random)[0];
    for (int t = 0; t <= SLOTS; t++) {
      candidates.add(candidates(t));
    }
  }

  /**
   * @param dim the width of a token: the UNet's cross-attention width
   * @param tokens tokens per scene: the dream queries, at least {@code 1 + }{@value #SLOTS}
   */
  static SceneCode random(long seed, int dim, int tokens) {
    if (dim < 1 || tokens < 1 + SLOTS) {
      throw new IllegalArgumentException("a scene code needs dim >= 1 and at least " + (1 + SLOTS)
          + " tokens (background and " + SLOTS + " shapes), got dim " + dim + ", tokens " + tokens);
    }
    return new SceneCode(dim, tokens, new Random(seed));
  }

  int tokens() {
    return tokens;
  }

  int dim() {
    return dim;
  }

  /** The codes of {@code scenes}, [B, tokens, dim]; a {@code null} scene is the empty prompt (all null tokens). */
  NDArray of(List<Scene> scenes, NDManager m) {
    float[] out = new float[scenes.size() * tokens * dim];
    for (int i = 0; i < scenes.size(); i++) {
      float[][] row = tokensOf(scenes.get(i));
      for (int t = 0; t < tokens; t++) {
        System.arraycopy(row[t], 0, out, (i * tokens + t) * dim, dim);
      }
    }
    return m.create(out, new Shape(scenes.size(), tokens, dim));
  }

  /**
   * Whether a condition row decodes to {@code scene}: each of its background and shape-slot tokens is nearer
   * (Euclidean) to the scene's own token than to any other token that slot can hold (the other background, any
   * other shape, colour, size and position bound together, or nothing).
   *
   * @param condition one row, [tokens, dim] flattened
   */
  boolean decodes(Scene scene, float[] condition) {
    float[][] target = tokensOf(scene);
    for (int t = 0; t <= SLOTS; t++) {
      float best = Float.MAX_VALUE;
      float[] nearest = null;
      for (float[] c : candidates.get(t)) {
        float d = distance(c, condition, t * dim);
        if (d < best) {
          best = d;
          nearest = c;
        }
      }
      if (!Arrays.equals(nearest, target[t])) {
        return false;
      }
    }
    return true;
  }

  private float[][] tokensOf(Scene scene) {
    float[][] row = new float[tokens][];
    for (int t = 0; t < tokens; t++) {
      row[t] = nothing;
    }
    if (scene != null) {
      row[0] = background[scene.background().ordinal()];
      for (int k = 0; k < scene.shapes().size(); k++) {
        row[1 + k] = shapeToken(scene.shapes().get(k), k);
      }
    }
    return row;
  }

  private float[] shapeToken(ShapeSpec s, int k) {
    float[] token = new float[dim];
    for (float[] v : List.of(shape[s.shape().ordinal()], color[s.color().ordinal()], size[s.size().ordinal()],
        position[s.position().ordinal()], slot[k])) {
      for (int j = 0; j < dim; j++) {
        token[j] += v[j];
      }
    }
    return token;
  }

  private List<float[]> candidates(int token) {
    List<float[]> all = new ArrayList<>();
    all.add(nothing);
    if (token == 0) {
      all.addAll(List.of(background));
      return all;
    }
    for (var sh : io.dreamworker.model.shapes.Shape.values()) {
      for (ShapeColor c : ShapeColor.values()) {
        for (Size z : Size.values()) {
          for (Position p : Position.values()) {
            all.add(shapeToken(new ShapeSpec(sh, c, z, p), token - 1));
          }
        }
      }
    }
    return all;
  }

  private float distance(float[] a, float[] row, int offset) {
    float sum = 0;
    for (int j = 0; j < dim; j++) {
      float d = a[j] - row[offset + j];
      sum += d * d;
    }
    return sum;
  }

  private float[][] vectors(int count, float std, Random random) {
    float[][] v = new float[count][dim];
    for (float[] row : v) {
      for (int j = 0; j < dim; j++) {
        row[j] = (float) (random.nextGaussian() * std);
      }
    }
    return v;
  }
}
