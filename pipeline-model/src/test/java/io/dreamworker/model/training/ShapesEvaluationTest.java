package io.dreamworker.model.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dreamworker.model.bundle.BundlePreset;
import io.dreamworker.model.bundle.ModelBundle;
import io.dreamworker.model.bundle.RandomBundles;
import io.dreamworker.model.generation.Document;
import io.dreamworker.model.generation.ImageParams;
import io.dreamworker.model.generation.SchedulerFamily;
import io.dreamworker.model.image.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShapesEvaluationTest {
  @TempDir Path dir;

  @Test
  void randomShapesBundle_isScoredOnEveryTask_withPicturesAndSamplesWritten() throws Exception {
    RandomBundles.write(dir.resolve("bundle"), BundlePreset.SHAPES, 4);
    var config = new ShapesEvaluation.Config(1, 2, 2, 1, new ImageParams(2, 1, "", 0, SchedulerFamily.DEFAULT, 0));
    ShapesEvaluation.Report report;
    try (ModelBundle bundle = ModelBundle.load(dir.resolve("bundle"))) {
      report = ShapesEvaluation.run(bundle, config, dir.resolve("out"));
    }
    assertThat(report.comprehension().attributes().scenes()).isEqualTo(2);
    assertThat(report.creation().scenes()).isEqualTo(2);
    // Noise weights draw noise: the judge finds no scene.
    assertThat(report.creation().all()).isZero();
    JsonNode json = new ObjectMapper().readTree(report.toJson().toString());
    assertThat(json.has("caption_exact")).isTrue();
    assertThat(json.has("creation_all")).isTrue();
    assertThat(json.has("placement_f1")).isTrue();
    assertThat(json.at("/creation/shape").isNumber()).isTrue();
    assertThat(json.at("/creation/one_shape/scenes").asInt() + json.at("/creation/two_shapes/scenes").asInt())
        .isEqualTo(2);
    assertThat(report.creationByShapes().get(0).scenes()).isEqualTo(
        (int) ShapesTraining.heldOut(1, 2).stream().filter(scene -> scene.shapes().size() == 1).count());
    assertThat(json.at("/interleaved/stories").asInt()).isEqualTo(1);
    List<String> samples = Files.readAllLines(dir.resolve("out/samples.jsonl"));
    assertThat(samples).hasSize(2 + 2 + 1);
    assertThat(dir.resolve("out/creation-0000.png")).exists();
    assertThat(javax.imageio.ImageIO.read(dir.resolve("out").resolve(ShapesEvaluation.CONTACT_SHEET).toFile())
        .getWidth()).isEqualTo(ContactSheet.GAP + 2 * (128 + ContactSheet.GAP));
  }

  @Test
  void withMarkers_putsADreamTokenWhereEachPictureWasDrawn() {
    RgbImage image = new RgbImage(1, 1, new byte[3]);
    Document doc = new Document(List.of(new Document.Text("first, a cat."), new Document.Image(0, image),
        new Document.Text(" the end.")));
    assertThat(ShapesEvaluation.withMarkers(doc)).isEqualTo("first, a cat.<dream> the end.");
  }
}
