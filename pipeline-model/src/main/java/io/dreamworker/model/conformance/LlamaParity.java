package io.dreamworker.model.conformance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.dreamworker.model.llm.GreedyDecoder;
import io.dreamworker.model.llm.LlamaConfig;
import io.dreamworker.model.llm.LlamaForCausalLM;
import io.dreamworker.model.llm.LlamaInput;
import io.dreamworker.model.llm.LlamaKvCache;
import io.dreamworker.model.llm.LlamaOutput;
import io.dreamworker.model.llm.LogitsMode;
import io.dreamworker.model.weights.SafetensorsSource;
import io.dreamworker.model.weights.Weights;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code llama_causal_lm}: transformers {@code LlamaForCausalLM} against {@link LlamaForCausalLM}
 * built from the case's config.json (sizes, heads, RoPE base and type, tying all come from it).
 */
final class LlamaParity implements ParityCheck {
  private static final double TOLERANCE = 1e-4;

  /** The inputs of the case; every other tensor of case.json is an output that must be compared. */
  private static final List<String> INPUTS = List.of("input_ids", "inputs_embeds");

  @Override
  public void check(FixtureCase fixture, NDManager manager, ParityReport report) throws Exception {
    LlamaConfig config = LlamaConfig.fromJson(fixture.config());
    List<String> outputs = new ArrayList<>();
    fixture.caseJson().path("tensors").fieldNames().forEachRemaining(outputs::add);
    outputs.removeAll(INPUTS);
    Require.that(!outputs.isEmpty(), () -> fixture.name() + "/case.json lists no outputs");

    try (SafetensorsSource source = fixture.weights()) {
      Weights weights = Weights.of(source, manager);
      LlamaForCausalLM model = LlamaForCausalLM.load(config, weights);
      Require.that(weights.unused().isEmpty(),
          () -> "checkpoint tensors the model did not load: " + weights.unused());
      NDArray ids = fixture.io("input_ids", manager);
      LlamaOutput full = model.forward(LlamaInput.ofIds(ids).withHiddenStates(true), null);
      Require.that(full.hiddenStates().size() == config.numHiddenLayers() + 1,
          () -> "expected " + (config.numHiddenLayers() + 1) + " hidden states, got " + full.hiddenStates().size());

      for (String name : outputs) {
        NDArray ref = fixture.io(name, manager);
        switch (name) {
          case "logits" -> report.compare(name, full.logits(), ref, TOLERANCE);
          case "last_hidden" -> report.compare(name, full.lastHidden(), ref, TOLERANCE);
          case "first_layer_out" -> report.compare(name, full.hiddenStates().get(1), ref, TOLERANCE);
          case "greedy_tokens" -> {
            long steps = ref.getShape().get(1);
            NDArray tokens = new GreedyDecoder(model).generate(ids, Math.toIntExact(steps));
            boolean equal = Arrays.equals(tokens.toLongArray(), ref.toLongArray());
            if (!equal) {
              System.out.printf("greedy tokens %s, reference %s%n",
                  Arrays.toString(tokens.toLongArray()), Arrays.toString(ref.toLongArray()));
            }
            report.exact(name, equal);
          }
          case "cached_tail_logits" -> report.compare(name, cachedTail(model, ids, ref, manager), ref, TOLERANCE);
          case "embeds_logits" -> {
            NDArray embeds = fixture.io("inputs_embeds", manager);
            report.compare(name, model.forward(LlamaInput.ofEmbeds(embeds), null).logits(), ref, TOLERANCE);
          }
          default -> throw new ParityFailure(
              fixture.name() + "/case.json lists output '" + name + "', which this check does not know");
        }
      }
    }
  }

  /** Feeds all but the last {@code tail} tokens into a cache, then the tail; returns the tail's logits. */
  private static NDArray cachedTail(LlamaForCausalLM model, NDArray ids, NDArray ref, NDManager manager) {
    long t = ids.getShape().get(1);
    long tail = ref.getShape().get(1);
    try (LlamaKvCache cache = model.newCache(manager)) {
      NDArray head = ids.get(new NDIndex(":, :{}", t - tail));
      model.forward(LlamaInput.ofIds(head).withLogits(LogitsMode.NONE), cache);
      Require.that(cache.length() == t - tail,
          () -> "cache holds " + cache.length() + " positions after the head, expected " + (t - tail));
      return model.forward(LlamaInput.ofIds(ids.get(new NDIndex(":, {}:", t - tail))), cache).logits();
    }
  }
}
