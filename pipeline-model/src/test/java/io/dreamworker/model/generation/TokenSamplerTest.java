package io.dreamworker.model.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TokenSamplerTest {

  @Test
  void greedy_takesTheLargestLogit() {
    assertThat(new TokenSampler(SamplingParams.GREEDY).next(new float[] {0.1f, 3f, -2f, 2.9f}, new int[0])).isEqualTo(1);
  }

  @Test
  void repetitionPenalty_demotesTokensAlreadySeen() {
    SamplingParams penalised = new SamplingParams(0, 0, 1, 2.0, 0);
    // 3.0 / 2 = 1.5 < 2.9: the repeated token loses to the runner-up.
    assertThat(new TokenSampler(penalised).next(new float[] {0.1f, 3f, -2f, 2.9f}, new int[] {1})).isEqualTo(3);
    // A negative score is multiplied, so a repeated token becomes less likely still.
    assertThat(new TokenSampler(penalised).next(new float[] {-1f, -1.5f}, new int[] {0})).isEqualTo(1);
  }

  @Test
  void sameSeed_sameDraws_otherSeed_otherDraws() {
    float[] logits = new float[50];
    int[] a = draws(new SamplingParams(1, 0, 1, 1, 42), logits, 40);
    assertThat(draws(new SamplingParams(1, 0, 1, 1, 42), logits, 40)).containsExactly(a);
    assertThat(draws(new SamplingParams(1, 0, 1, 1, 43), logits, 40)).isNotEqualTo(a);
  }

  @Test
  void temperatureOne_drawsInProportionToTheSoftmax() {
    float[] logits = {0f, (float) Math.log(3)}; // probabilities 1/4 and 3/4
    int[] d = draws(new SamplingParams(1, 0, 1, 1, 7), logits, 20_000);
    double ones = Arrays.stream(d).filter(t -> t == 1).count() / 20_000.0;
    assertThat(ones).isBetween(0.73, 0.77);
  }

  @Property(tries = 200)
  void sampledToken_isAlwaysAmongTheTopK(@ForAll @Size(min = 2, max = 40) float[] logits,
      @ForAll @IntRange(min = 1, max = 5) int k, @ForAll long seed) {
    if (IntStream.range(0, logits.length).anyMatch(i -> !Float.isFinite(logits[i]))) {
      return;
    }
    int token = new TokenSampler(new SamplingParams(1, k, 1, 1, seed)).next(logits, new int[0]);
    long larger = IntStream.range(0, logits.length).filter(i -> logits[i] > logits[token]).count();
    assertThat(larger).isLessThan(k);
  }

  @Property(tries = 200)
  void tinyTopP_isGreedy(@ForAll @Size(min = 2, max = 40) float[] logits, @ForAll long seed,
      @ForAll @DoubleRange(min = 0.1, max = 2) double temperature) {
    if (IntStream.range(0, logits.length).anyMatch(i -> !Float.isFinite(logits[i]))) {
      return;
    }
    int token = new TokenSampler(new SamplingParams(temperature, 0, 1e-9, 1, seed)).next(logits, new int[0]);
    assertThat(logits[token]).isEqualTo(logits[TokenSampler.argmax(logits)]);
  }

  @Test
  void invalidParams_areRefusedWithTheValue() {
    assertThatThrownBy(() -> new SamplingParams(-1, 0, 1, 1, 0)).hasMessageContaining("temperature must be 0 (greedy) or positive, got -1.0");
    assertThatThrownBy(() -> new SamplingParams(1, -2, 1, 1, 0)).hasMessageContaining("top_k must be 0 (off) or positive, got -2");
    assertThatThrownBy(() -> new SamplingParams(1, 0, 0, 1, 0)).hasMessageContaining("top_p must be in (0, 1], got 0.0");
    assertThatThrownBy(() -> new SamplingParams(1, 0, 1, 0, 0)).hasMessageContaining("repetition_penalty must be positive");
    assertThatThrownBy(() -> new ImageParams(0, 7.5, "", 1)).hasMessageContaining("steps must be in [1, 1000], got 0");
    assertThatThrownBy(() -> new ImageParams(10, -1, "", 1)).hasMessageContaining("guidance_scale");
    assertThatThrownBy(() -> SchedulerFamily.of("euler")).hasMessageContaining("unknown scheduler 'euler'");
  }

  private static int[] draws(SamplingParams p, float[] logits, int n) {
    TokenSampler s = new TokenSampler(p);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = s.next(logits, new int[0]);
    }
    return out;
  }
}
