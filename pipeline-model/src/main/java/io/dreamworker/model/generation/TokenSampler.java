package io.dreamworker.model.generation;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Chooses one request's next tokens from its logits, on the CPU in plain Java: the logits of one
 * row are a few thousand to a few tens of thousands of floats, and doing this per request keeps a
 * request's draws a function of its own seed and history only, never of its batch.
 *
 * <p>Not thread-safe: one sampler per request.
 */
public final class TokenSampler {
  private final SamplingParams params;
  private final SplittableRandom random;

  public TokenSampler(SamplingParams params) {
    this.params = params;
    this.random = new SplittableRandom(params.seed());
  }

  /**
   * The next token.
   *
   * @param logits the last position's logits, [V]; not modified
   * @param history the tokens of the sequence so far (prompt and generated), for the penalty
   */
  public int next(float[] logits, int[] history) {
    float[] scores = logits.clone();
    if (params.repetitionPenalty() != 1) {
      float penalty = (float) params.repetitionPenalty();
      boolean[] seen = new boolean[scores.length];
      for (int token : history) {
        if (token >= 0 && token < scores.length && !seen[token]) {
          seen[token] = true;
          // CTRL / transformers: divide positive scores, multiply negative ones.
          scores[token] = scores[token] > 0 ? scores[token] / penalty : scores[token] * penalty;
        }
      }
    }
    if (params.greedy()) {
      return argmax(scores);
    }
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
    int keep = params.topK() > 0 ? Math.min(params.topK(), n) : n;
    double max = scores[order[0]] / params.temperature();
    double[] probs = new double[keep];
    double total = 0;
    for (int i = 0; i < keep; i++) {
      probs[i] = Math.exp(scores[order[i]] / params.temperature() - max);
      total += probs[i];
    }
    if (params.topP() < 1) {
      double cumulative = 0;
      int cut = keep;
      for (int i = 0; i < keep; i++) {
        cumulative += probs[i] / total;
        if (cumulative >= params.topP()) {
          cut = i + 1;
          break;
        }
      }
      keep = cut;
      total = 0;
      for (int i = 0; i < keep; i++) {
        total += probs[i];
      }
    }
    double u = random.nextDouble() * total;
    for (int i = 0; i < keep; i++) {
      u -= probs[i];
      if (u < 0) {
        return order[i];
      }
    }
    return order[keep - 1];
  }

  static int argmax(float[] scores) {
    int best = 0;
    for (int i = 1; i < scores.length; i++) {
      if (scores[i] > scores[best]) {
        best = i;
      }
    }
    return best;
  }
}
