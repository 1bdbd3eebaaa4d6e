package io.dreamworker.model.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.model.config.ReferenceJson;
import io.dreamworker.model.diffusion.scheduler.NoiseSchedule;
import io.dreamworker.model.diffusion.scheduler.NoiseScheduleConfig;
import io.dreamworker.model.diffusion.scheduler.PredictionType;
import io.dreamworker.model.diffusion.unet.UNet2DConditionModel;
import io.dreamworker.model.diffusion.unet.UNetConfig;
import io.dreamworker.model.diffusion.vae.AutoencoderKL;
import io.dreamworker.model.diffusion.vae.VaeConfig;
import io.dreamworker.model.dream.DreamConfig;
import io.dreamworker.model.dream.DreamParts;
import io.dreamworker.model.llm.LlamaConfig;
import io.dreamworker.model.llm.LlamaForCausalLM;
import io.dreamworker.model.text.DreamTokenizer;
import io.dreamworker.model.weights.Weights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DenoisingTrainingTest {
  @TempDir Path dir;

  private record Parts(DenoisingTraining training, TrainableParameters llm, TrainableParameters dream,
      TrainableParameters unet) {}

  private Parts parts(NDManager m, DreamTokenizer tokenizer) throws Exception {
    BundlePreset preset = BundlePreset.SHAPES;
    LlamaConfig lc = LlamaConfig.fromJson(preset.llmConfig(ShapesVocabulary.size()));
    DreamConfig dc = DreamConfig.fromJson(preset.dreamConfig());
    UNetConfig uc = UNetConfig.fromJson(ReferenceJson.mapper().readTree(
        io.dreamworker.model.bundle.RandomBundles.components(preset, ShapesVocabulary.size()).get("unet").config().toString()));
    VaeConfig vc = VaeConfig.fromJson(preset.vaeConfig());
    TrainableParameters llm = TrainableParameters.initialise(m, 1, w -> LlamaForCausalLM.load(lc, w));
    TrainableParameters dream = TrainableParameters.initialise(m, 2, w -> DreamParts.load(dc, w));
    TrainableParameters unet = TrainableParameters.initialise(m, 3, w -> UNet2DConditionModel.load(uc, w));
    TrainableParameters vae = TrainableParameters.initialise(m, 4, w -> AutoencoderKL.load(vc, w));
    DenoisingTraining training = new DenoisingTraining(LlamaForCausalLM.load(lc, Weights.of(llm, m)),
        DreamParts.load(dc, Weights.of(dream, m)), UNet2DConditionModel.load(uc, Weights.of(unet, m)),
        new DiffusionTargets(AutoencoderKL.load(vc, Weights.of(vae, m)), 0.5,
            NoiseSchedule.of(NoiseScheduleConfig.stableDiffusion21()), PredictionType.V_PREDICTION),
        tokenizer, llm, dream, unet);
    return new Parts(training, llm, dream, unet);
  }

  @Test
  void conditionOfAPrompt_isTheSameAloneAndLeftPaddedInABatch() throws Exception {
    Path file = dir.resolve("tokenizer.json");
    Files.writeString(file, ShapesVocabulary.tokenizerJson());
    try (NDManager m = NDManager.newBaseManager(); DreamTokenizer tokenizer = DreamTokenizer.load(file)) {
      Parts p = parts(m, tokenizer);
      String shortPrompt = "a small red circle in the center on a white background";
      NDArray alone = p.training().condition(List.of(shortPrompt), m);
      NDArray batched = p.training().condition(List.of(
          "a large blue square at the top left and a small green triangle at the bottom right on a black background",
          shortPrompt, ""), m);
      assertThat(batched.getShape().get(0)).isEqualTo(3);
      float[] a = alone.toFloatArray();
      float[] b = batched.get(1).toFloatArray();
      for (int i = 0; i < a.length; i++) {
        assertThat(b[i]).isCloseTo(a[i], org.assertj.core.data.Offset.offset(1e-4f));
      }
    }
  }

  @Test
  void steps_updateUnetAndQueries_butNotTheFrozenLlm() throws Exception {
    Path file = dir.resolve("tokenizer.json");
    Files.writeString(file, ShapesVocabulary.tokenizerJson());
    try (NDManager m = NDManager.newBaseManager(); DreamTokenizer tokenizer = DreamTokenizer.load(file)) {
      Parts p = parts(m, tokenizer);
      float[] llmBefore = p.llm().arrays().get("model.embed_tokens.weight").toFloatArray();
      float[] queriesBefore = p.dream().arrays().get("dream_queries").toFloatArray();
      List<Double> losses = new ArrayList<>();
      p.training().train(new DenoisingTraining.Config("denoise", 3, 2, 1e-3f, 0.5f, 5f, 1), Set.of(), m,
          LossLog.inMemory().listen(e -> losses.add(e.loss())));
      assertThat(losses).hasSize(3).allMatch(Double::isFinite);
      assertThat(p.llm().arrays().get("model.embed_tokens.weight").toFloatArray()).isEqualTo(llmBefore);
      assertThat(p.dream().arrays().get("dream_queries").toFloatArray()).isNotEqualTo(queriesBefore);
      assertThat(p.llm().arrays().values()).allMatch(NDArray::hasGradient);
    }
  }

  @Test
  void stageOnesDefault_trainsTheUnetAlone_keepingTheQueriesTheBindingStageTaught() throws Exception {
    Path file = dir.resolve("tokenizer.json");
    Files.writeString(file, ShapesVocabulary.tokenizerJson());
    try (NDManager m = NDManager.newBaseManager(); DreamTokenizer tokenizer = DreamTokenizer.load(file)) {
      Parts p = parts(m, tokenizer);
      float[] queriesBefore = p.dream().arrays().get("dream_queries").toFloatArray();
      float[] unetBefore = p.unet().arrays().get("conv_in.weight").toFloatArray();
      DenoisingTraining.Config c = DenoisingTraining.Config.defaults().withSteps(2).withBatchSize(2);
      assertThat(c.trainQueries()).isFalse();
      p.training().train(c, Set.of(), m, LossLog.inMemory());
      assertThat(p.dream().arrays().get("dream_queries").toFloatArray()).isEqualTo(queriesBefore);
      assertThat(p.unet().arrays().get("conv_in.weight").toFloatArray()).isNotEqualTo(unetBefore);
      assertThat(p.dream().arrays().values()).as("trainable again after the pass").allMatch(NDArray::hasGradient);
    }
  }

  @Test
  void movingAverage_leavesTheStepsAsTheyWere_andTheBundleTakesTheAveragedWeights() throws Exception {
    Path file = dir.resolve("tokenizer.json");
    Files.writeString(file, ShapesVocabulary.tokenizerJson());
    List<List<Double>> losses = new ArrayList<>();
    List<float[]> weights = new ArrayList<>();
    for (float ema : new float[] {0f, 0.9f}) {
      try (NDManager m = NDManager.newBaseManager(); DreamTokenizer tokenizer = DreamTokenizer.load(file)) {
        Parts p = parts(m, tokenizer);
        List<Double> run = new ArrayList<>();
        p.training().train(new DenoisingTraining.Config("realign", 3, 2, 1e-2f, 0.5f, 5f, 1, ema, true), Set.of(), m,
            LossLog.inMemory().listen(e -> run.add(e.loss())));
        losses.add(run);
        weights.add(p.unet().arrays().get("conv_in.weight").toFloatArray());
      }
    }
    assertThat(losses.get(1)).as("the average never feeds back into training").isEqualTo(losses.get(0));
    assertThat(weights.get(1)).as("the averaged weights replace the last step's").isNotEqualTo(weights.get(0));
  }

  @Test
  void config_refusesAMovingAverageDecayOfOneOrMore() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new DenoisingTraining.Config("realign", 7, 2, 1e-3f, 0.1f, 5f, 1).withEmaDecay(1f))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("emaDecay in [0, 1)")
        .hasMessageContaining("stage 'realign', steps 7").hasMessageContaining("emaDecay 1.0");
  }
}
