package io.dreamworker.schemas;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A prompt and input images to a document of text and generated images (schema:
 * {@code interleaved-job.schema.json}); the engine's {@code GenerationRequest.Interleaved}.
 * Text-to-image is this job with {@code maxImages} 1.
 *
 * @param prompt {@code <image>} marks where each input image goes
 * @param images one per {@code <image>} of the prompt
 * @param maxImages images to generate at most, 0..16 (default 4)
 */
public record InterleavedJob(String jobId, String prompt, List<ImageInput> images, int maxImages, TextParams text,
    ImageParams image, Optional<String> outputPrefix, Map<String, String> metadata) implements Job {

  /** The {@code type} field of interleaved jobs. */
  public static final String TYPE = "interleaved";
  /** The schema's default {@code max_images}. */
  public static final int DEFAULT_MAX_IMAGES = 4;
  /** Where an input image goes in the prompt (the pipeline's placeholder). */
  public static final String IMAGE_PLACEHOLDER = "<image>";

  public InterleavedJob {
    Job.required(jobId, "job_id");
    Job.required(prompt, "prompt");
    images = List.copyOf(Job.required(images, "images"));
    Job.required(text, "text");
    Job.required(image, "image");
    Job.required(outputPrefix, "output_prefix");
    metadata = Map.copyOf(Job.required(metadata, "metadata"));
  }

  /** A text-to-image job: one image, default text parameters. */
  public static InterleavedJob textToImage(String jobId, String prompt, ImageParams image) {
    return new InterleavedJob(jobId, prompt, List.of(), 1, TextParams.DEFAULTS, image, Optional.empty(), Map.of());
  }

  /** How many {@code <image>} slots the prompt has; must equal {@code images().size()}. */
  public static int imageSlots(String prompt) {
    return prompt.split(IMAGE_PLACEHOLDER, -1).length - 1;
  }

  @Override
  public String type() {
    return TYPE;
  }
}
