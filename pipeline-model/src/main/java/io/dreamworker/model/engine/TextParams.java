package io.dreamworker.model.engine;

import io.dreamworker.model.generation.SamplingParams;

/**
 * How text is decoded.
 *
 * @param maxNewTokens tokens to generate at most (the end-of-sequence token stops earlier)
 * @param sampling greedy or sampled decoding, with the request's own seed
 */
public record TextParams(int maxNewTokens, SamplingParams sampling) {
  public TextParams {
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("max_new_tokens must be at least 1, got " + maxNewTokens);
    }
    if (sampling == null) {
      throw new IllegalArgumentException("sampling must not be null (use SamplingParams.GREEDY)");
    }
  }

  /** Greedy decoding of up to {@code maxNewTokens} tokens. */
  public static TextParams greedy(int maxNewTokens) {
    return new TextParams(maxNewTokens, SamplingParams.GREEDY);
  }
}
