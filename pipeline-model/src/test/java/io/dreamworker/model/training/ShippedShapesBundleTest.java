package io.dreamworker.model.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.dreamworker.model.bundle.ModelBundle;
import io.dreamworker.model.generation.ImageParams;
import io.dreamworker.model.generation.SchedulerFamily;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The trained shapes bundle committed in {@code bundles/shapes} (issue 5), judged on a few of its
 * held-out samples through the serving pipeline: a regression test of the bundle and of every
 * component it runs through. The full figures come from {@code dreamworker eval}; the floors here
 * sit below them with room for sampling noise on a dozen samples.
 */
class ShippedShapesBundleTest {
  static final String PROPERTY = "dreamworker.shapes.bundle";
  static ModelBundle bundle;

  @BeforeAll
  static void load() {
    String dir = System.getProperty(PROPERTY);
    bundle = ModelBundle.load(Path.of(dir == null || dir.isBlank() ? "../bundles/shapes" : dir));
  }

  @AfterAll
  static void close() {
    bundle.close();
  }

  private static ShapesEvaluation.Report evaluate(int captions, int creations, int stories) throws Exception {
    return ShapesEvaluation.run(bundle, new ShapesEvaluation.Config(1, captions, creations, stories,
        ShapesEvaluation.Config.defaults(1).image()), null);
  }

  @Test
  void isTheShapesPresetWithEveryStageTrained() {
    assertThat(bundle.manifest().name()).isEqualTo("shapes");
    assertThat(bundle.manifest().version()).contains("vae", "vision", "llm", "dream", "unet");
  }

  @Test
  void captionsPicturesItNeverSaw() throws Exception {
    ShapesEvaluation.Report r = evaluate(30, 0, 0);
    assertThat(r.comprehension().exact()).isGreaterThanOrEqualTo(CAPTION_FLOOR);
  }

  @Test
  void drawsCaptionsItNeverSaw() throws Exception {
    ShapesEvaluation.Report r = evaluate(0, 12, 0);
    assertThat(r.creation().all()).isGreaterThanOrEqualTo(CREATION_FLOOR);
    assertThat(r.creation().background()).isGreaterThanOrEqualTo(0.9);
  }

  @Test
  void putsPicturesAfterTheSentencesThatDescribeThem() throws Exception {
    ShapesEvaluation.Report r = evaluate(0, 0, 4);
    assertThat(r.placement().f1()).isGreaterThanOrEqualTo(PLACEMENT_FLOOR);
  }

  static final double CAPTION_FLOOR = 0.85;
  static final double CREATION_FLOOR = 0.75;
  static final double PLACEMENT_FLOOR = 0.9;
}
