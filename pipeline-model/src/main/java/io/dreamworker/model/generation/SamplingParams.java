package io.dreamworker.model.generation;

/**
 * How the next token is chosen from the logits, with transformers' {@code generate} semantics:
 * repetition penalty first, then temperature, top-k and top-p; greedy (argmax) when the
 * temperature is 0.
 *
 * @param temperature 0 for greedy decoding, else the softmax temperature (DreamLLM's VQA: 0.2)
 * @param topK keep the k most likely tokens; 0 keeps all
 * @param topP keep the smallest set of tokens whose probability reaches p; 1 keeps all
 * @param repetitionPenalty CTRL's penalty on tokens already in the sequence; 1 disables it
 * @param seed fixes the draws of this request alone, whatever it is batched with
 */
public record SamplingParams(double temperature, int topK, double topP, double repetitionPenalty, long seed) {

  /** Greedy decoding without penalties. */
  public static final SamplingParams GREEDY = new SamplingParams(0, 0, 1, 1, 0);

  public SamplingParams {
    if (!(temperature >= 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be 0 (greedy) or positive, got " + temperature);
    }
    if (topK < 0) {
      throw new IllegalArgumentException("top_k must be 0 (off) or positive, got " + topK);
    }
    if (!(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("top_p must be in (0, 1], got " + topP);
    }
    if (!(repetitionPenalty > 0) || Double.isInfinite(repetitionPenalty)) {
      throw new IllegalArgumentException("repetition_penalty must be positive (1 = off), got " + repetitionPenalty);
    }
  }

  public boolean greedy() {
    return temperature == 0;
  }
}
