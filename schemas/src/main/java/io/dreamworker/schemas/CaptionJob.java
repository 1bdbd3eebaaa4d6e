package io.dreamworker.schemas;

import java.util.Map;
import java.util.Optional;

/**
 * An image and an instruction to text (schema: {@code caption-job.schema.json}); the engine's
 * {@code GenerationRequest.Caption}.
 */
public record CaptionJob(String jobId, ImageInput image, String instruction, TextParams text,
    Optional<String> outputPrefix, Map<String, String> metadata) implements Job {

  /** The {@code type} field of caption jobs. */
  public static final String TYPE = "caption";
  /** The schema's default instruction. */
  public static final String DEFAULT_INSTRUCTION = "Describe the image.";

  public CaptionJob {
    Job.required(jobId, "job_id");
    Job.required(image, "image");
    Job.required(instruction, "instruction");
    Job.required(text, "text");
    Job.required(outputPrefix, "output_prefix");
    metadata = Map.copyOf(Job.required(metadata, "metadata"));
  }

  /** A caption job with the default instruction and parameters. */
  public static CaptionJob of(String jobId, ImageInput image) {
    return new CaptionJob(jobId, image, DEFAULT_INSTRUCTION, TextParams.DEFAULTS, Optional.empty(), Map.of());
  }

  @Override
  public String type() {
    return TYPE;
  }
}
