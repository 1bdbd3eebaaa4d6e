package io.dreamworker.worker.processing;

import io.dreamworker.model.engine.GenerationRequest;
import io.dreamworker.model.engine.TextParams;
import io.dreamworker.model.generation.ImageParams;
import io.dreamworker.model.generation.SamplingParams;
import io.dreamworker.model.generation.SchedulerFamily;
import io.dreamworker.schemas.CaptionJob;
import io.dreamworker.schemas.InterleavedJob;
import io.dreamworker.schemas.Job;
import java.util.List;

/**
 * Turns a decoded job and its fetched input images into the engine's request. The wire types
 * (schemas) and the engine's types are kept apart so that either can change its own way; this is
 * the one place they meet.
 */
public final class JobRequests {
  private JobRequests() {}

  /**
   * The engine request of a job.
   *
   * @param images the job's input images in order, already fetched (one for a caption job)
   */
  public static GenerationRequest of(Job job, List<byte[]> images) {
    return switch (job) {
      case CaptionJob caption -> new GenerationRequest.Caption(images.get(0), caption.instruction(),
          text(caption.text()));
      case InterleavedJob interleaved when isTextToImage(interleaved) ->
          new GenerationRequest.TextToImage(interleaved.prompt(), image(interleaved.image()));
      case InterleavedJob interleaved -> new GenerationRequest.Interleaved(interleaved.prompt(), images,
          interleaved.maxImages(), text(interleaved.text()), image(interleaved.image()));
    };
  }

  /**
   * Text-to-image is the interleaved job limited to one image with no input images (the schemas'
   * rule): it runs as DreamLLM's text-to-image, the prompt followed directly by the dream queries.
   */
  public static boolean isTextToImage(InterleavedJob job) {
    return job.maxImages() == 1 && job.images().isEmpty();
  }

  /** The job kind as metrics and logs name it. */
  public static String kind(Job job) {
    return job instanceof InterleavedJob interleaved && isTextToImage(interleaved) ? "text_to_image" : job.type();
  }

  private static TextParams text(io.dreamworker.schemas.TextParams text) {
    return new TextParams(text.maxNewTokens(), new SamplingParams(text.temperature(), text.topK(), text.topP(),
        text.repetitionPenalty(), text.seed()));
  }

  private static ImageParams image(io.dreamworker.schemas.ImageParams image) {
    return new ImageParams(image.steps(), image.guidanceScale(), image.negativePrompt(), image.seed(),
        SchedulerFamily.of(image.scheduler().wireName()), image.size());
  }
}
