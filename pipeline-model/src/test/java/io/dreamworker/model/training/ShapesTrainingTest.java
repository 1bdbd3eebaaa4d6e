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

  @Test
  void shortRun_writesALoadableShapesBundleAndItsReport() throws Exception {
    var recipe = new ShapesTraining.Recipe(BundlePreset.SHAPES, 3, new VaeTraining.Config(2, 2, 1e-3f, 1e-4f, 0),
        new CaptionTraining.Config(2, 2, 1e-3f, 0), new DenoisingTraining.Config(2, 2, 1e-3f, 0.1f, 0), 1, 4);
    List<LossLog.Entry> entries = new ArrayList<>();
    ShapesTraining.Result result = ShapesTraining.run(recipe, dir, LossLog.inMemory().listen(entries::add));
    assertThat(entries).extracting(e -> e.stage() + " " + e.step())
        .containsExactly("vae 1", "vae 2", "caption 1", "caption 2", "denoise 1", "denoise 2");
    assertThat(result.creation().scenes()).isEqualTo(1);
    assertThat(result.caption().captions()).hasSize(4);
    assertThat(result.vae().judged().scenes()).isEqualTo(4);
    try (ModelBundle bundle = ModelBundle.load(dir)) {
      assertThat(bundle.manifest().name()).isEqualTo("shapes");
      assertThat(bundle.vae().scalingFactor()).isCloseTo(1 / result.vae().latentStd(), org.assertj.core.data.Offset.offset(1e-9));
    }
    JsonNode report = new ObjectMapper().readTree(Files.readString(dir.resolve(ShapesTraining.REPORT_FILE)));
    assertThat(report.at("/vae/steps").asInt()).isEqualTo(2);
    assertThat(report.at("/vae/judge_on_reconstructions/scenes").asInt()).isEqualTo(4);
    assertThat(report.at("/caption/attributes/scenes").asInt()).isEqualTo(4);
    assertThat(report.has("caption_exact")).isTrue();
    assertThat(report.at("/denoise/creation/scenes").asInt()).isEqualTo(1);
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
        CaptionTraining.Config.defaults(), DenoisingTraining.Config.defaults(), 5, 10))
        .hasMessageContaining("preset 'tiny' has imageSize 32");
  }
}
