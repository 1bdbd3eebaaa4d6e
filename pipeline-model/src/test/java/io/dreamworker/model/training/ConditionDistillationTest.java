package io.dreamworker.model.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.dreamworker.model.dream.DreamConfig;
import io.dreamworker.model.shapes.SceneSampler;
import io.dreamworker.model.text.DreamTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConditionDistillationTest {
  @TempDir Path dir;

  @Test
  void steps_bringTheQueriesTowardsTheCode_andTrainTheLlmAndTheVisionTowerWithCaptions() throws Exception {
    Path file = dir.resolve("tokenizer.json");
    Files.writeString(file, ShapesVocabulary.tokenizerJson());
    try (NDManager m = NDManager.newBaseManager(); DreamTokenizer tokenizer = DreamTokenizer.load(file)) {
      ComprehensionParts parts = ComprehensionParts.initial(m, tokenizer);
      DreamConfig dc = parts.dreamParts().config();
      TrainableParameters v = parts.vision();
      TrainableParameters l = parts.llm();
      ConditionDistillation distill = new ConditionDistillation(
          new QueryConditions(parts.llmModel(), parts.dreamParts(), tokenizer),
          SceneCode.random(5, Math.toIntExact(dc.conditionDim()), dc.numDreamQueries()), parts.caption(),
          parts.parameters());
      float[] visionBefore = v.arrays().values().iterator().next().toFloatArray();
      float[] llmBefore = l.arrays().get("model.embed_tokens.weight").toFloatArray();

      List<LossLog.Entry> entries = new ArrayList<>();
      distill.train(new ConditionDistillation.Config(30, 4, 3e-3f, 0.25f, 1f, 9), Set.of(), m,
          LossLog.inMemory().listen(entries::add));

      assertThat(entries).hasSize(30).allMatch(e -> e.stage().equals(ConditionDistillation.STAGE));
      double first = entries.get(0).parts().get("code_mse");
      double last = entries.subList(25, 30).stream().mapToDouble(e -> e.parts().get("code_mse")).average().orElseThrow();
      assertThat(last).isLessThan(first * 0.5);
      assertThat(entries).allMatch(e -> e.parts().get("caption") > 0);
      assertThat(l.arrays().get("model.embed_tokens.weight").toFloatArray()).isNotEqualTo(llmBefore);
      assertThat(v.arrays().values().iterator().next().toFloatArray()).as("captioning trains the tower")
          .isNotEqualTo(visionBefore);
      SceneSampler sampler = new SceneSampler(3);
      assertThat(distill.decodedFraction(List.of(sampler.next(), sampler.next(), sampler.next()), m))
          .isBetween(0.0, 1.0);
    }
  }

  @Test
  void config_refusesBadValuesNamingThem() {
    assertThatThrownBy(() -> new ConditionDistillation.Config(-2, 16, 1e-3f, 0.1f, 1f, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got steps -2");
    assertThatThrownBy(() -> new ConditionDistillation.Config(10, 16, 1e-3f, 1f, 1f, 0))
        .hasMessageContaining("promptDropout 1.0");
    assertThatThrownBy(() -> new ConditionDistillation.Config(10, 16, 1e-3f, 0.1f, -1f, 0))
        .hasMessageContaining("captionWeight -1.0");
    assertThat(ConditionDistillation.Config.defaults().withSteps(0).steps()).isZero();
  }
}
