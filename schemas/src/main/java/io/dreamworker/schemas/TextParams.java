package io.dreamworker.schemas;

/**
 * How text is decoded (schema: common {@code textParams}); mirrors pipeline-model's
 * {@code TextParams} and {@code SamplingParams}. Bounds are checked by the schema when a job is
 * encoded or decoded, so that Java and non-Java producers see the same rules.
 *
 * @param maxNewTokens tokens to generate at most, 1..4096 (default 256)
 * @param temperature 0 for greedy decoding, else the softmax temperature (default 0)
 * @param topK the k most likely tokens; 0 keeps all (default 0)
 * @param topP nucleus mass in (0, 1]; 1 keeps all (default 1)
 * @param repetitionPenalty positive; 1 disables it (default 1)
 * @param seed fixes this job's draws (default 0)
 */
public record TextParams(int maxNewTokens, double temperature, int topK, double topP, double repetitionPenalty,
    long seed) {

  /** The schema's {@code default} values. */
  public static final TextParams DEFAULTS = new TextParams(256, 0, 0, 1, 1, 0);

  /** Greedy decoding of up to {@code maxNewTokens} tokens. */
  public static TextParams greedy(int maxNewTokens) {
    return new TextParams(maxNewTokens, 0, 0, 1, 1, 0);
  }
}
