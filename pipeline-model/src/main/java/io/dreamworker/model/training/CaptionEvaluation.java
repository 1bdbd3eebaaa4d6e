package io.dreamworker.model.training;

import io.dreamworker.model.bundle.ModelBundle;
import io.dreamworker.model.generation.SamplingParams;
import io.dreamworker.model.pipeline.DreamPipeline;
import io.dreamworker.model.shapes.AttributeAccuracy;
import io.dreamworker.model.shapes.Evaluation;
import io.dreamworker.model.shapes.Instructions;
import io.dreamworker.model.shapes.Scene;
import io.dreamworker.model.shapes.SceneRenderer;
import io.dreamworker.model.vision.preprocess.ImageRejectedException;
import java.util.ArrayList;
import java.util.List;

/**
 * Comprehension as the demo will see it: each held-out scene is rendered, encoded as PNG and captioned
 * by {@link DreamPipeline#caption} on the written bundle with greedy decoding ({@code describe the
 * image.}); the captions are scored by {@link Evaluation}.
 *
 * @param captions what the model wrote, one per scene
 * @param exact the fraction equal to the reference caption
 * @param attributes per-attribute accuracy of the parsed captions
 */
public record CaptionEvaluation(List<String> captions, double exact, AttributeAccuracy attributes) {

  /** Longest caption decoded: two shapes take about 20 tokens with the shapes vocabulary. */
  static final int MAX_NEW_TOKENS = 48;

  public static CaptionEvaluation run(ModelBundle bundle, List<Scene> scenes) {
    DreamPipeline pipeline = new DreamPipeline(bundle);
    SceneRenderer renderer = new SceneRenderer();
    List<String> captions = new ArrayList<>(scenes.size());
    for (Scene scene : scenes) {
      try {
        captions.add(pipeline.caption(renderer.png(scene), Instructions.DESCRIBE, MAX_NEW_TOKENS, SamplingParams.GREEDY));
      } catch (ImageRejectedException e) {
        throw new IllegalStateException("a rendered 64x64 PNG was refused: " + e.getMessage(), e);
      }
    }
    return new CaptionEvaluation(List.copyOf(captions), Evaluation.captionExact(scenes, captions),
        Evaluation.captions(scenes, captions));
  }
}
