package io.dreamworker.model.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.dreamworker.model.dream.DreamParts;
import io.dreamworker.model.llm.LlamaForCausalLM;
import io.dreamworker.model.llm.LlamaInput;
import io.dreamworker.model.llm.LogitsMode;
import io.dreamworker.model.text.DreamTokenizer;
import io.dreamworker.model.text.SpecialTokens;
import java.util.ArrayList;
import java.util.List;

/**
 * The UNet condition of raw caption prompts, made as {@link io.dreamworker.model.pipeline.DreamPipeline#textToImage}
 * makes it: BOS, the caption, {@code <dream_start>}, the learned queries, {@code <dream_end>}; the final-norm
 * hidden states at the queries through the condition projector. The graph is recorded when a gradient collector
 * is open, so the stages that train through it ({@link DenoisingTraining}, {@link ConditionDistillation}) share it.
 */
final class QueryConditions {
  private final LlamaForCausalLM llm;
  private final DreamParts dream;
  private final DreamTokenizer tokenizer;

  QueryConditions(LlamaForCausalLM llm, DreamParts dream, DreamTokenizer tokenizer) {
    this.llm = llm;
    this.dream = dream;
    this.tokenizer = tokenizer;
  }

  /**
   * The condition of each prompt ({@code ""} for the unconditional one), [B, N, cross_dim]: prompts are
   * left-padded under an attention mask, so each row sees the positions it would see alone, as in the pipeline.
   */
  NDArray of(List<String> prompts, NDManager m) {
    long bos = id(SpecialTokens.BOS);
    List<long[]> rows = new ArrayList<>();
    int longest = 0;
    for (String p : prompts) {
      long[] ids = p.isEmpty() ? new long[0] : tokenizer.encode(p);
      long[] withBos = new long[ids.length + 1];
      withBos[0] = bos;
      System.arraycopy(ids, 0, withBos, 1, ids.length);
      rows.add(withBos);
      longest = Math.max(longest, withBos.length);
    }
    int b = prompts.size();
    long n = dream.config().numDreamQueries();
    long[][] ids = new long[b][longest];
    long total = longest + 1 + n + 1;
    long[][] mask = new long[b][Math.toIntExact(total)];
    for (int i = 0; i < b; i++) {
      long[] row = rows.get(i);
      int pad = longest - row.length;
      for (int j = 0; j < longest; j++) {
        ids[i][j] = j < pad ? id(SpecialTokens.PAD) : row[j - pad];
      }
      for (int j = pad; j < total; j++) {
        mask[i][j] = 1;
      }
    }
    NDArray queries = dream.dreamQueries().broadcast(b, n, dream.config().llmHiddenSize());
    NDArray embeds = NDArrays.concat(new NDList(
        llm.embed(m.create(ids)),
        llm.embed(m.full(new Shape(b, 1), id(SpecialTokens.DREAM_START), DataType.INT64)),
        queries,
        llm.embed(m.full(new Shape(b, 1), id(SpecialTokens.DREAM_END), DataType.INT64))), 1);
    NDArray hidden = llm.forward(LlamaInput.ofEmbeds(embeds).withAttentionMask(m.create(mask))
        .withLogits(LogitsMode.NONE), null).lastHidden();
    return dream.condition(hidden.get(new NDIndex(":, {}:{}, :", longest + 1, longest + 1 + n)));
  }

  private long id(String token) {
    return tokenizer.specialTokens().require(token);
  }
}
