package io.dreamworker.model.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.model.bundle.ModelBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShapesTrainingTest {
  @TempDir Path dir;

  private static ShapesTraining.Recipe tiny(int vae, int caption, int denoise, int interleaved, int instructions) {
    return tiny(vae, caption, 0, denoise, interleaved, instructions, 0);
  }

  private static ShapesTraining.Recipe tiny(int vae, int caption, int distill, int denoise, int interleaved,
      int instructions, int realign) {
    return new ShapesTraining.Recipe(BundlePreset.SHAPES, 3, new VaeTraining.Config(vae, 2, 1e-3f, 1e-4f, 0),
        new CaptionTraining.Config(caption, 2, 1e-3f, 0), new ConditionDistillation.Config(distill, 2, 1e-3f, 0.1f, 1f, 0),
        new DenoisingTraining.Config("denoise", denoise, 2, 1e-3f, 0.1f, 5f, 0),
        new MixedTraining.Config("interleaved", interleaved, new MixedTraining.Mix(1, 0, 0, 1, 1), 1e-3f, 1f, 0.1f, 0, 1f),
        new MixedTraining.Config("instructions", instructions, new MixedTraining.Mix(0, 1, 1, 1, 1), 1e-3f, 1f, 0.1f,
            0), new DenoisingTraining.Config("realign", realign, 2, 1e-3f, 0.1f, 0f, 0), 1, 4);
  }

  @Test
  void shortRun_trainsEveryStageAndWritesALoadableShapesBundleAndItsReport() throws Exception {
    List<LossLog.Entry> entries = new ArrayList<>();
    ShapesTraining.Result result = ShapesTraining.run(tiny(2, 2, 2, 2, 1, 1, 1), null, dir,
        LossLog.inMemory().listen(entries::add));
    assertThat(entries).extracting(e -> e.stage() + " " + e.step()).containsExactly("vae 1", "vae 2", "caption 1",
        "caption 2", "distill 1", "distill 2", "denoise 1", "denoise 2", "interleaved 1", "instructions 1", "realign 1");
    assertThat(entries).allMatch(e -> Double.isFinite(e.loss()));
    assertThat(entries.get(4).parts()).containsKeys("code_mse", "caption");
    assertThat(entries.get(8).parts()).containsKeys("text", "denoise", "code_mse");
    assertThat(entries.get(8).parts().get("code_mse")).as("stage II weighs the scene code").isPositive();
    assertThat(entries.get(9).parts().get("code_mse")).as("stage III does not").isZero();
    assertThat(result.stages()).extracting(ShapesTraining.StageTime::stage)
        .containsExactly("vae", "caption", "distill", "denoise", "interleaved", "instructions", "realign");
    assertThat(result.codeDecoded()).isBetween(0.0, 1.0);
    assertThat(result.figures().creation().scenes()).isEqualTo(1);
    assertThat(result.figures().comprehension().captions()).hasSize(4);
    assertThat(result.vae().judged().scenes()).isEqualTo(4);
    try (ModelBundle bundle = ModelBundle.load(dir)) {
      assertThat(bundle.manifest().name()).isEqualTo("shapes");
      assertThat(bundle.vae().scalingFactor()).isCloseTo(1 / result.vae().latentStd(), org.assertj.core.data.Offset.offset(1e-9));
      assertThat(bundle.manifest().component("scheduler").config().path("prediction_type").asText())
          .isEqualTo("v_prediction");
    }
    JsonNode report = new ObjectMapper().readTree(Files.readString(dir.resolve(ShapesTraining.REPORT_FILE)));
    assertThat(report.at("/stages/0/steps").asInt()).isEqualTo(2);
    assertThat(report.at("/vae/judge_on_reconstructions/scenes").asInt()).isEqualTo(4);
    assertThat(report.at("/figures/comprehension/scenes").asInt()).isEqualTo(4);
    assertThat(report.at("/figures/creation/scenes").asInt()).isEqualTo(1);
    assertThat(report.at("/settings/instructions/steps").asInt()).isEqualTo(1);
    assertThat(report.at("/settings/distill/steps").asInt()).isEqualTo(2);
    assertThat(report.at("/binding/decoded_held_out").isNumber()).isTrue();
  }

  @Test
  void runFromABundle_keepsItsWeightsAndScalingFactorForSkippedStages(@TempDir Path second) throws Exception {
    ShapesTraining.run(tiny(1, 0, 0, 0, 0), null, dir, LossLog.inMemory());
    List<LossLog.Entry> entries = new ArrayList<>();
    ShapesTraining.run(tiny(0, 0, 0, 0, 1), dir, second, LossLog.inMemory().listen(entries::add));
    assertThat(entries).extracting(LossLog.Entry::stage).containsExactly("instructions");
    try (ModelBundle first = ModelBundle.load(dir); ModelBundle resumed = ModelBundle.load(second);
        var a = io.dreamworker.model.weights.SafetensorsSource.open(dir.resolve("model.safetensors"));
        var b = io.dreamworker.model.weights.SafetensorsSource.open(second.resolve("model.safetensors"));
        var m = ai.djl.ndarray.NDManager.newBaseManager()) {
      assertThat(resumed.vae().scalingFactor()).isEqualTo(first.vae().scalingFactor());
      String vaeTensor = a.names().stream().filter(n -> n.startsWith("vae.")).findFirst().orElseThrow();
      assertThat(b.load(vaeTensor, m).toFloatArray()).isEqualTo(a.load(vaeTensor, m).toFloatArray());
      String unetTensor = "unet.conv_in.weight";
      assertThat(b.load(unetTensor, m).toFloatArray()).isNotEqualTo(a.load(unetTensor, m).toFloatArray());
    }
  }

  @Test
  void runFromSomethingElse_isRefused() {
    assertThatThrownBy(() -> ShapesTraining.run(tiny(0, 0, 0, 0, 1), dir, dir.resolve("out"), LossLog.inMemory()))
        .hasMessageContaining("is not a model bundle");
  }

  @Test
  void heldOutScenes_areDistinctAndDependOnTheSeedOnly() {
    var a = ShapesTraining.heldOut(ShapesTraining.Recipe.defaults(1));
    assertThat(a).doesNotHaveDuplicates().hasSize(ShapesTraining.Recipe.defaults(1).heldOutScenes());
    assertThat(ShapesTraining.heldOut(ShapesTraining.Recipe.defaults(1))).isEqualTo(a);
    assertThat(ShapesTraining.heldOut(ShapesTraining.Recipe.defaults(2))).isNotEqualTo(a);
  }

  @Test
  void presetOfAnotherImageSize_isRefusedNamingIt() {
    assertThatThrownBy(() -> new ShapesTraining.Recipe(BundlePreset.TINY, 1, VaeTraining.Config.defaults(),
        CaptionTraining.Config.defaults(), ConditionDistillation.Config.defaults(), DenoisingTraining.Config.defaults(),
        MixedTraining.Config.interleaved(),
        MixedTraining.Config.instructions(), DenoisingTraining.Config.realign(), 5, 10))
        .hasMessageContaining("preset 'tiny' has imageSize 32");
  }
}
