package io.dreamworker.model.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dreamworker.model.llm.LlamaConfig;
import io.dreamworker.model.shapes.Scene;
import io.dreamworker.model.shapes.SceneSampler;
import io.dreamworker.model.text.DreamTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptionTrainingTest {
  @TempDir Path dir;

  @Test
  void initialLoss_isAboutUniformOverTheVocabulary_andFallsWithTraining() throws Exception {
    Path file = dir.resolve("tokenizer.json");
    Files.writeString(file, ShapesVocabulary.tokenizerJson());
    try (NDManager m = NDManager.newBaseManager(); DreamTokenizer tokenizer = DreamTokenizer.load(file)) {
      ComprehensionParts parts = ComprehensionParts.initial(m, tokenizer);
      CaptionTraining training = parts.caption();
      LlamaConfig lc = parts.llmModel().config();
      SceneSampler sampler = new SceneSampler(1);
      List<Scene> scenes = List.of(sampler.next(), sampler.next());
      try (NDManager step = m.newSubManager()) {
        NDArray loss = training.loss(scenes, step);
        // Random weights at gain 1 are not exactly uniform; within a few nats of log(V).
        assertThat((double) loss.getFloat()).isBetween(Math.log(lc.vocabSize()) - 3, Math.log(lc.vocabSize()) + 6);
      }
      List<Double> losses = new ArrayList<>();
      training.train(new CaptionTraining.Config(16, 4, 3e-3f, 7), Set.of(), m,
          LossLog.inMemory().listen(e -> losses.add(e.loss())));
      assertThat(losses.subList(14, 16).stream().mapToDouble(x -> x).average().orElseThrow())
          .isLessThan(losses.subList(0, 2).stream().mapToDouble(x -> x).average().orElseThrow() * 0.6);
    }
  }
}
