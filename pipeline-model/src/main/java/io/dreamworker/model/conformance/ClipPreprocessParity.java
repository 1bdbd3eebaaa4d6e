package io.dreamworker.model.conformance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.dreamworker.model.vision.preprocess.ClipImageProcessor;
import io.dreamworker.model.vision.preprocess.ClipImageProcessorConfig;
import io.dreamworker.model.vision.preprocess.ImageLimits;
import io.dreamworker.model.vision.preprocess.ResampleArithmetic;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code clip_image_processor}: transformers {@code CLIPImageProcessor} on the case's image, with
 * the processor settings that case.json records. Bicubic resampling differs between libraries, so
 * the tolerance is the fixtures' 2e-2; both roundings are checked, torchvision's (transformers 5,
 * which made the fixture) and PIL's (transformers 4).
 */
final class ClipPreprocessParity implements ParityCheck {
  private static final double TOLERANCE = 2e-2;

  @Override
  public void check(FixtureCase fixture, NDManager manager, ParityReport report) throws Exception {
    JsonNode caseJson = fixture.caseJson();
    ClipImageProcessorConfig config = ClipImageProcessorConfig.fromJson(caseJson.path("processor"));
    ClipImageProcessor processor = new ClipImageProcessor(config, ImageLimits.DEFAULT);
    ClipImageProcessor pil =
        new ClipImageProcessor(config, ImageLimits.DEFAULT, ResampleArithmetic.PIL);
    String input = caseJson.path("input").asText("input.png");
    byte[] image = Files.readAllBytes(fixture.file(input));

    List<String> names = new ArrayList<>();
    caseJson.path("tensors").fieldNames().forEachRemaining(names::add);
    Require.that(!names.isEmpty(), () -> fixture.name() + "/case.json lists no tensors");
    for (String name : names) {
      Require.that(name.equals("pixel_values"),
          () -> fixture.name() + "/case.json lists tensor '" + name + "', expected only pixel_values");
      NDArray ref = fixture.io(name, manager);
      NDArray out = processor.batch(List.of(image), manager);
      report.compare(name, out, ref, TOLERANCE);
      report.compare(name + " (PIL rounding)", pil.batch(List.of(image), manager), ref, TOLERANCE);
    }
  }
}
