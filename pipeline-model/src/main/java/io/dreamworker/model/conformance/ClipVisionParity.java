package io.dreamworker.model.conformance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.dreamworker.model.vision.ClipVisionConfig;
import io.dreamworker.model.vision.ClipVisionModel;
import io.dreamworker.model.vision.ClipVisionOutput;
import io.dreamworker.model.weights.SafetensorsSource;
import io.dreamworker.model.weights.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code clip_vision_model}: transformers {@code CLIPVisionModel} on the case's pixel values. The
 * penultimate state is checked twice: from the full pass and from the pass that stops before the
 * last layer, the one DreamLLM uses.
 */
final class ClipVisionParity implements ParityCheck {
  private static final double TOLERANCE = 1e-4;

  @Override
  public void check(FixtureCase fixture, NDManager manager, ParityReport report) throws Exception {
    ClipVisionConfig config = ClipVisionConfig.fromJson(fixture.config());
    List<String> names = new ArrayList<>();
    fixture.caseJson().path("tensors").fieldNames().forEachRemaining(names::add);
    Require.that(names.contains("pixel_values"), () -> fixture.name() + "/case.json lists no pixel_values input");

    try (SafetensorsSource source = fixture.weights()) {
      ClipVisionModel model =
          ClipVisionModel.load(ClipVisionModel.moduleRoot(Weights.of(source, manager)), config);
      NDArray pixels = fixture.io("pixel_values", manager);
      ClipVisionOutput out = model.forward(pixels);
      for (String name : names) {
        if (name.equals("pixel_values")) {
          continue;
        }
        NDArray ref = fixture.io(name, manager);
        switch (name) {
          case "embeddings_out" -> report.compare(name, out.hiddenState(0), ref, TOLERANCE);
          case "penultimate_hidden" -> {
            report.compare(name, out.hiddenState(-2), ref, TOLERANCE);
            report.compare(name + " (stop early)", model.hiddenState(pixels, -2), ref, TOLERANCE);
            report.compare(name + " (patches)", model.patchFeatures(pixels, -2),
                ref.get(":, 1:, :"), TOLERANCE);
          }
          case "last_hidden" -> report.compare(name, out.lastHiddenState(), ref, TOLERANCE);
          case "pooled" -> report.compare(name, out.pooled(), ref, TOLERANCE);
          default -> throw new ParityFailure(
              fixture.name() + ": case.json lists tensor '" + name + "' that this check does not know");
        }
      }
    }
  }
}
